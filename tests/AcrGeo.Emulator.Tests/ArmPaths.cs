namespace AcrGeo.Emulator.Tests;

/// <summary>Request paths with the api-versions real clients send.</summary>
public static class ArmPaths
{
    public const string AcrVersion = "2025-11-01";
    public const string ResourcesVersion = "2021-04-01";

    public static string Group(string sub, string rg) => $"/subscriptions/{sub}/resourcegroups/{rg}?api-version={ResourcesVersion}";

    public static string RegistryId(string sub, string rg, string registry) =>
        $"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{registry}";

    public static string Registry(string sub, string rg, string registry) => $"{RegistryId(sub, rg, registry)}?api-version={AcrVersion}";

    public static string Replications(string sub, string rg, string registry) =>
        $"{RegistryId(sub, rg, registry)}/replications?api-version={AcrVersion}";

    public static string Replication(string sub, string rg, string registry, string name) =>
        $"{RegistryId(sub, rg, registry)}/replications/{name}?api-version={AcrVersion}";

    public static string Webhook(string sub, string rg, string registry, string name) =>
        $"{RegistryId(sub, rg, registry)}/webhooks/{name}?api-version={AcrVersion}";

    /// <summary>The path and query of an absolute polling URL the emulator returned.</summary>
    public static string Local(string absolute) => new Uri(absolute).PathAndQuery;
}
