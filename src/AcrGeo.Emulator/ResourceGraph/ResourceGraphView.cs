using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.ContainerRegistry;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ResourceGraph;

/// <summary>
/// The <c>resources</c> table as Resource Graph shows it: every tracked resource of the given subscriptions (not resource
/// groups or role assignments, which are in other tables), its type in lower case, and registries and replications
/// rendered as Container Registry renders them, the home replica of a Premium registry included.
/// </summary>
static class ResourceGraphView
{
    public static IEnumerable<GraphRow> Rows(EmulatorState state, IReadOnlySet<string> subscriptions, DateTimeOffset now)
    {
        var registries = new Dictionary<string, ResourceRecord>(StringComparer.OrdinalIgnoreCase);
        var listed = new List<ResourceRecord>();
        foreach (var resource in state.Resources.Values)
        {
            if (resource.Type == ArmCoreEndpoints.ResourceGroupType
                || resource.Type.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)
                || !subscriptions.Contains(ArmIds.SubscriptionOf(resource.Id)))
                continue;
            listed.Add(resource);
            if (resource.Type == RegistryEndpoints.RegistryType) registries[resource.Id] = resource;
        }
        foreach (var resource in listed)
        {
            if (resource.Type == RegistryEndpoints.RegistryType)
            {
                yield return Row(state, resource, () => RegistryEndpoints.Render(resource, now, state: state));
                if (RegistryEndpoints.IsPremium(resource))
                {
                    var home = ReplicationEndpoints.Home(resource);
                    yield return Row(state, home, () => ReplicationEndpoints.Render(home, now,
                        RegistryContent.PendingUntil(state, resource, resource.Location!, now)));
                }
            }
            else if (resource.Type == ReplicationEndpoints.ReplicationType
                     && registries.TryGetValue(resource.Id[..resource.Id.LastIndexOf("/replications/", StringComparison.OrdinalIgnoreCase)], out var parent))
                yield return Row(state, resource, () => ReplicationEndpoints.Render(resource, now,
                    RegistryContent.PendingUntil(state, parent, resource.Location!, now)));
            else
                yield return Row(state, resource, () => ArmHttp.Resource(resource, (JsonObject)resource.Properties.DeepClone()));
        }
    }

    /// <summary>Resource Graph's columns; the rendered resource is made only if a column that needs it is read.</summary>
    static GraphRow Row(EmulatorState state, ResourceRecord resource, Func<JsonObject> render)
    {
        var rendered = new Lazy<JsonObject>(render);
        return new GraphRow(
        [
            ("id", () => resource.Id),
            ("name", () => resource.Name),
            ("type", () => resource.Type.ToLowerInvariant()),
            ("tenantId", () => state.Identity.TenantId),
            ("kind", () => ""),
            ("location", () => resource.Location),
            ("resourceGroup", () => resource.ResourceGroup),
            ("subscriptionId", () => ArmIds.SubscriptionOf(resource.Id)),
            ("managedBy", () => ""),
            ("sku", () => rendered.Value["sku"]?.DeepClone()),
            ("plan", () => null),
            ("properties", () => rendered.Value["properties"]?.DeepClone()),
            ("tags", () => rendered.Value["tags"]?.DeepClone() ?? new JsonObject()),
            ("identity", () => null),
            ("zones", () => null),
            ("extendedLocation", () => null),
        ]);
    }
}
