namespace AcrGeo.Emulator.State;

/// <summary>Builds and reads ARM resource ids in their canonical casing.</summary>
public static class ArmIds
{
    public static string Subscription(string subscriptionId) => $"/subscriptions/{subscriptionId}";

    public static string ResourceGroup(string subscriptionId, string resourceGroup) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";

    public static string Provider(string subscriptionId, string resourceGroup, string providerNamespace) =>
        $"{ResourceGroup(subscriptionId, resourceGroup)}/providers/{providerNamespace}";

    public static string ResourceGroupOf(string id)
    {
        var parts = id.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
            if (parts[i].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase))
                return parts[i + 1];
        return "";
    }

    public static string SubscriptionOf(string id)
    {
        var parts = id.Split('/');
        return parts.Length > 2 ? parts[2] : "";
    }
}
