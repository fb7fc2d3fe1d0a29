using System.Text.Json.Nodes;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// <c>GET .../registries/{r}/listUsages</c>: the registry's quotas by SKU, as ACR lists them (Size in bytes, Webhooks,
/// ScopeMaps, Tokens). Like the service, it says nothing of replicas: every replica holds the whole registry.
/// </summary>
static class RegistryUsages
{
    const long GiB = 1024L * 1024 * 1024;

    /// <summary>Included storage, webhooks, and scope maps and tokens per SKU (ACR's service tiers).</summary>
    static (long Storage, long Webhooks, long ScopeMaps) Limits(string sku) => sku switch
    {
        "Premium" => (500 * GiB, 500, 50_000),
        "Standard" => (100 * GiB, 10, 500),
        _ => (10 * GiB, 2, 100),
    };

    public static JsonObject Render(EmulatorState state, ResourceRecord registry)
    {
        var limits = Limits((string?)registry.Sku?["name"] ?? "");
        var webhooks = state.ChildrenOf(registry.Id, WebhookEndpoints.WebhookType).Count(w => w.DeletingUntil is null);
        return new JsonObject
        {
            ["value"] = new JsonArray(
                Usage("Size", limits.Storage, RegistryContent.StoredBytes(registry), "Bytes"),
                Usage("Webhooks", limits.Webhooks, webhooks, "Count"),
                Usage("ScopeMaps", limits.ScopeMaps, 0, "Count"),
                Usage("Tokens", limits.ScopeMaps, 0, "Count")),
        };
    }

    static JsonObject Usage(string name, long limit, long current, string unit) =>
        new() { ["name"] = name, ["limit"] = limit, ["currentValue"] = current, ["unit"] = unit };
}
