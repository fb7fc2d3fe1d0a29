using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Graph;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ManagedIdentity;

/// <summary>
/// The rules of Microsoft.ManagedIdentity/userAssignedIdentities and what they are in the directory. An identity is an
/// ARM resource with a service principal of its own in Entra ID (type ManagedIdentity, its object id the identity's
/// principalId, its appId the clientId), which role assignments name with principalType ServicePrincipal. The
/// directory entry lives as long as the resource: deleting the identity, or its resource group, removes it.
/// </summary>
static partial class UserAssignedIdentities
{
    public const string Namespace = "Microsoft.ManagedIdentity";
    public const string Type = Namespace + "/userAssignedIdentities";

    /// <summary>Managed identities belong to Microsoft's first-party tenant, as in Azure (and as the emulator's own one).</summary>
    const string FirstPartyTenant = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

    /// <summary>3 to 128 letters, digits, hyphens and underscores, a letter or digit first.</summary>
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$")]
    private static partial Regex Name();

    public static void ValidateName(string name)
    {
        if (!Name().IsMatch(name))
            throw ArmException.BadRequest("InvalidResourceName",
                $"Resource name {name} is invalid. The name can be between 3 and 128 characters long. It can contain only letters, " +
                "numbers, hyphens and underscores, and must start with a letter or a number.");
    }

    /// <summary>The region an identity may live in (any public region), or ARM's LocationRequired / LocationNotAvailableForResourceType.</summary>
    public static Region RequireRegion(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
            throw ArmException.BadRequest("LocationRequired", "The location property is required for this definition.");
        return Regions.Find(location)
               ?? throw new ArmException(HttpStatusCode.BadRequest, "LocationNotAvailableForResourceType",
                   $"The provided location '{location}' is not available for resource type '{Type}'.");
    }

    /// <summary>A new identity: its ids are made once and never change, as Azure's do.</summary>
    public static ResourceRecord Create(EmulatorState state, string id, string name, string location, Dictionary<string, string> tags,
        DateTimeOffset now, string? createdBy)
    {
        var principalId = Guid.NewGuid().ToString();
        var clientId = Guid.NewGuid().ToString();
        var record = new ResourceRecord
        {
            Id = id,
            Type = Type,
            Name = name,
            Location = location,
            Tags = tags,
            CreatedAt = now,
            ModifiedAt = now,
            ProvisionedAt = now,
            CreatedBy = createdBy,
            Properties = new JsonObject
            {
                ["tenantId"] = state.Identity.TenantId,
                ["principalId"] = principalId,
                ["clientId"] = clientId,
            },
        };
        state.Resources[id] = record;
        state.Directory.ServicePrincipals.Add(new DirectoryServicePrincipal
        {
            Id = principalId,
            AppId = clientId,
            DisplayName = name,
            ServicePrincipalType = "ManagedIdentity",
            ServicePrincipalNames = [clientId, id],
            AppOwnerOrganizationId = FirstPartyTenant,
            CreatedDateTime = now,
            Properties = new JsonObject { ["alternativeNames"] = new JsonArray("isExplicit=True", id) },
        });
        return record;
    }

    /// <summary>The identity's principal (object) id and client id.</summary>
    public static (string PrincipalId, string ClientId) Ids(ResourceRecord identity) =>
        ((string)identity.Properties["principalId"]!, (string)identity.Properties["clientId"]!);

    public static ResourceRecord? Find(EmulatorState state, string id) => state.Find(id) is { Type: Type } found ? found : null;

    /// <summary>
    /// A settle step: the service principals of identities that are gone (deleted, or with their resource group) leave the
    /// directory too, so nothing can sign in as or be assigned to an identity that no longer exists.
    /// </summary>
    public static bool RemoveOrphanedPrincipals(EmulatorState state, DateTimeOffset now) =>
        state.Directory.ServicePrincipals.RemoveAll(p => p.ServicePrincipalType == "ManagedIdentity"
                                                         && p.ServicePrincipalNames.Count > 1
                                                         && Find(state, p.ServicePrincipalNames[1]) is null) > 0;

    /// <summary>
    /// Gives a resource's <c>identity.userAssignedIdentities</c> the principal and client id of each identity it names, as ARM
    /// does when it assigns them; an identity that does not exist fails the request with ARM's FailedIdentityOperation.
    /// </summary>
    public static void Attach(EmulatorState state, string resourceId, JsonObject resourceIdentity)
    {
        if (resourceIdentity["userAssignedIdentities"] is not JsonObject assigned) return;
        foreach (var key in assigned.Select(a => a.Key).ToList())
        {
            var identity = Find(state, key)
                           ?? throw ArmException.BadRequest("FailedIdentityOperation",
                               $"Identity operation for resource '{resourceId}' failed with error 'Failed to perform resource identity operation. " +
                               $"Status: 'NotFound'. Response: '{{\"error\":{{\"code\":\"NotFound\",\"message\":\"Resource '{key}' does not exist " +
                               "or one of its queried reference-property objects are not present.\"}}'.'.");
            var (principalId, clientId) = Ids(identity);
            assigned[key] = new JsonObject { ["principalId"] = principalId, ["clientId"] = clientId };
        }
    }

    public static JsonObject Render(ResourceRecord identity) => ArmHttp.Resource(identity, (JsonObject)identity.Properties.DeepClone());
}
