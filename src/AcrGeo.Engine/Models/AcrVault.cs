using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AcrGeo.Models;

/// <summary>A key vault that holds registry credentials.</summary>
public sealed class AcrVault
{
    public string Name { get; init; } = "";
    /// <summary>The same as <see cref="Name"/>: lets a vault bind to -VaultName further down the pipeline.</summary>
    public string VaultName => Name;
    public string ResourceGroupName { get; init; } = "";
    public string Location { get; init; } = "";
    public Uri? VaultUri { get; init; }
    /// <summary>True when data access is governed by Azure RBAC roles; false when by access policies.</summary>
    public bool RbacAuthorization { get; init; }
    public bool SoftDeleteEnabled { get; init; }
    public string ProvisioningState { get; init; } = "";
    public string Id { get; init; } = "";
    /// <summary>The ARM path of <see cref="Id"/>, checked and escaped.</summary>
    internal Arm.ArmPath Path => Arm.ArmPath.FromResourceId(Id);

    internal IReadOnlyList<(string ObjectId, IReadOnlyList<string> SecretPermissions)> AccessPolicies { get; init; } =
        Array.Empty<(string, IReadOnlyList<string>)>();

    internal static AcrVault FromJson(JsonObject json)
    {
        var id = (string?)json["id"] ?? "";
        var properties = json["properties"];
        return new AcrVault
        {
            Id = id,
            Name = (string?)json["name"] ?? "",
            ResourceGroupName = ResourceIds.ResourceGroup(id),
            Location = (string?)json["location"] ?? "",
            VaultUri = Uri.TryCreate((string?)properties?["vaultUri"], UriKind.Absolute, out var uri) ? uri : null,
            RbacAuthorization = (bool?)properties?["enableRbacAuthorization"] ?? false,
            SoftDeleteEnabled = (bool?)properties?["enableSoftDelete"] ?? true,
            ProvisioningState = (string?)properties?["provisioningState"] ?? "Succeeded",
            AccessPolicies = (properties?["accessPolicies"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
                .Select(p => ((string?)p["objectId"] ?? "",
                    (IReadOnlyList<string>)((p["permissions"]?["secrets"] as JsonArray ?? new JsonArray()).Select(x => x?.ToString() ?? "").ToList())))
                .ToList(),
        };
    }

    public override string ToString() => Name;
}
