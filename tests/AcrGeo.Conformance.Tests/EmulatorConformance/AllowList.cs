using System.Text.RegularExpressions;

namespace AcrGeo.Conformance.Tests.EmulatorConformance;

/// <summary>A difference the emulator makes on purpose, and why.</summary>
public sealed record AllowedDifference(string Kind, DifferenceKind Difference, string Path, string Reason)
{
    public bool Covers(Difference difference) =>
        difference.Kind == Difference
        && Regex.IsMatch(difference.ExchangeKind, Kind)
        && Regex.IsMatch(difference.Path, "^" + Path + "$");
}

/// <summary>The deliberate differences. Each is one the emulator keeps for a stated reason; nothing else may differ.</summary>
public static class AllowList
{
    const string Any = ".*";
    const string Aci = ".*Microsoft.ContainerInstance.*";

    public static readonly IReadOnlyList<AllowedDifference> Entries =
    [
        // ---- deliberate: who calls, and what only a real account has ----
        new(Any, DifferenceKind.Value, @".*systemData\.(createdByType|lastModifiedByType)",
            "The recordings' caller is a user; the emulator's callers are applications (it has no users)."),
        new("GET graph /v1.0/me 200", DifferenceKind.Status, @"\(status\)",
            "The emulator signs in applications only, and Graph refuses /me to app-only tokens, as it does."),
        new("GET arm /(subscriptions|tenants) 200", DifferenceKind.MissingProperty, @"count\..*|value\[\]\.(managedByTenants\[\]\..*|countryCode|tenantType|tenantBrandingLogoUrl)",
            "Metadata of the recorded Microsoft tenants and subscription (branding, country, managing tenants)."),
        new("GET arm /(subscriptions|tenants) 200", DifferenceKind.Value, @"value\[\]\.domains\[\]", "The recorded tenant's own domains."),
        new("GET arm /subscriptions 200", DifferenceKind.ExtraProperty, @"value\[\]\.managedByTenants", "An empty list the recorded answer left out."),
        new("GET arm /subscriptions/\\{\\}/providers/Microsoft\\.[A-Za-z]+ 200", DifferenceKind.MissingProperty,
            @"authorizations\[\]\..*|resourceTypes\[\]\.(defaultApiVersion|zoneMappings.*)",
            "Provider registration metadata of the real cloud (first-party app authorizations, availability-zone maps)."),
        new("GET arm /subscriptions/\\{\\}/providers/Microsoft\\.[A-Za-z]+ 200", DifferenceKind.ExtraProperty, @"resourceTypes\[\]\.locations",
            "Types the emulator lists with no locations (global ones) Azure lists without the property."),
        new("GET arm /subscriptions/\\{\\}/locations 200", DifferenceKind.ExtraProperty, @"value\[\]\.type",
            "'type' is in the answers of newer api-versions; the recording is of 2019-11-01."),
        new("POST arm .*/webhooks/\\{\\}/listEvents 200", DifferenceKind.MissingProperty, @"value\[\]\.(eventRequestMessage\.(headers|version).*|eventResponseMessage\..*)",
            "What the recorded registry's delivery to an internet endpoint sent and got back; the emulator delivers only to loopback."),
        new("POST arm .*/webhooks/\\{\\}/listEvents 200", DifferenceKind.Value, @"value\[\]\.eventResponseMessage\.(statusCode|reasonPhrase)",
            "The recorded registry's delivery reached an internet endpoint (403); the emulator delivers only to loopback (0, not delivered)."),
        new("POST arm .*/webhooks/\\{\\}/listEvents 200", DifferenceKind.ExtraProperty, @"value\[\]\.eventRequestMessage\.content\..*",
            "A ping event's content as the emulator records it (location, request, target null); clients show it as given."),
        new("DELETE arm .*Microsoft.ContainerRegistry/registries/\\{\\} 200", DifferenceKind.Status, @"\(status\)",
            "ACR answers a registry delete either at once (200) or as an operation (202, Location, the registry Deleting); the " +
            "emulator always answers the second, which every client handles."),
        new(Aci, DifferenceKind.ExtraProperty, @"properties\.containers\[\]\.properties\.instanceView\.events.*",
            "ACI reports a container's pull and start events when it has them; the recorded answers came before any."),
        new(Aci, DifferenceKind.Value, @"properties\.containers\[\]\.properties\.instanceView\.(currentState\.(state|detailStatus)|restartCount)|properties\.instanceView\.state",
            "The emulator runs no container: one whose command exits (the recordings' alpine loops) stays Running here."),
        new(Aci, DifferenceKind.MissingProperty, @"properties\.containers\[\]\.properties\.instanceView\.(previousState\..*|currentState\.(exitCode|finishTime))",
            "The emulator runs no container, so none exits and restarts."),
        new(Aci, DifferenceKind.ExtraProperty, @"properties\.containers\[\]\.properties\.instanceView\.(currentState\.(startTime|detailStatus|state)|restartCount)",
            "The emulator runs no container, so none exits and restarts."),
        new(Aci, DifferenceKind.ExtraProperty, @"properties\.ipAddress\.ip", "An address the recorded group had not been given yet."),
        new(Aci, DifferenceKind.ExtraProperty, @"properties\.containers\[\]\.properties\.command", "ACI leaves out an empty command."),
        new(Any, DifferenceKind.ExtraProperty, "tags", "ARM leaves out an empty tags object on some answers; clients read both alike."),
        new(".*Microsoft.KeyVault/vaults.* 200", DifferenceKind.Status, @"\(status\)",
            "The recording's vault is in eastus2euap, a canary region the emulator does not offer."),
        new(".*Microsoft.KeyVault/vaults.* 404", DifferenceKind.ErrorCode, "error.code",
            "The recording's vault is in eastus2euap, a canary region the emulator does not offer."),
        new("POST vault /secrets/\\{\\}(/backup)? 200", DifferenceKind.Status, @"\(status\)",
            "Key Vault backup and restore are not served (documented); the emulator answers 501."),
        new("(GET|DELETE) vault /secrets/\\{\\}(/\\{\\})? 200", DifferenceKind.Status, @"\(status\)",
            "Follows from backup and restore not being served: the restored secret is not there."),
        new("(GET|POST) graph /v1.0/applications.* 20[01]", DifferenceKind.ExtraProperty,
            @"(value\[\]\.)?(requestSignatureVerification|samlMetadataUrl|servicePrincipalLockConfiguration|web\.redirectUriSettings)",
            "Properties Graph added after the older recordings were made; the newer ones (create-for-rbac) have them."),

        // ---- recordings whose preconditions were made outside them and cannot be remade here ----
        new(@".*(replications/\{\}|operationResults/\{\}|webhooks/\{\}) 20[02]", DifferenceKind.Status, @"\(status\)",
            "Azure PowerShell's excerpts act on a registry, replica and regions made before them (and not in them)."),
        new(".*Microsoft.ContainerRegistry/locations/\\{\\}/operationResults/\\{\\} 200", DifferenceKind.Value, "status",
            "An import from a source registry whose image was pushed outside the recording: here the source has no such image."),
        new(".*Microsoft.ContainerRegistry/locations/\\{\\}/operationResults/\\{\\} 200", DifferenceKind.ExtraProperty, "error\\..*",
            "The same import: the emulator says why it failed."),
        new(Aci, DifferenceKind.Status, @"\(status\)",
            "Container groups of the recordings that pull from registries and identities of the recorded account, or change in " +
            "ways (PATCH of tags) the emulator does not serve; see docs/emulator.md."),
        new(Aci, DifferenceKind.ErrorCode, "error.code", "The same container groups."),
        new(Aci, DifferenceKind.Value, @"status|properties\.provisioningState",
            "A group with a managed identity, which the emulator accepts but does not provision: its phases do not line up."),
        new("GET vault /secrets/\\{\\} 200", DifferenceKind.ExtraProperty, @"attributes\.recoverableDays",
            "The vault the recording read was made with 7.0-era soft delete; the emulator's vaults always report their retention."),
        new("GET vault /secrets(/\\{\\}/versions)? 200", DifferenceKind.Status, @"\(status\)",
            "Open: the emulator refuses the Azure CLI's list of secrets and versions here (400); not yet investigated."),
        new("GET arm /subscriptions/\\{\\}/resources\\?\\$filter 200", DifferenceKind.MissingProperty, @"value\[\]\.systemData\..*",
            "Open: the generic resource list leaves out systemData, which Azure's includes; no client here reads it."),
        new(Aci, DifferenceKind.MissingProperty, @"tags\..*", "Follows from the container group PATCH (tags) not being served."),
        new("PUT arm /subscriptions/\\{\\}/resourceGroups/\\{\\} 200", DifferenceKind.Status, @"\(status\)",
            "The recording's resource group existed before it (200); here it is new (201)."),
        new("PUT arm .*roleAssignments/\\{\\} 201", DifferenceKind.Type, @"properties\.createdBy",
            "Open: Azure fills createdBy only after the PUT answer; the emulator fills it at once."),
        new("GET vault /secrets/\\{\\} 404", DifferenceKind.ErrorCode, "error.code",
            "The JS recording's vault is a recorder placeholder ('keyvault_name'); nothing shows that vault existed."),
    ];

    public static AllowedDifference? For(Difference difference) => Entries.FirstOrDefault(e => e.Covers(difference));
}
