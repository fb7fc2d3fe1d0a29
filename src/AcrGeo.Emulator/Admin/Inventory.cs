using System.Text.Json.Nodes;
using AcrGeo.Emulator.ContainerRegistry;
using AcrGeo.Emulator.KeyVault;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.Admin;

/// <summary>
/// Everything the emulator holds, by name and never by value: ARM resources (role assignments and child resources
/// included), the directory's applications with their password key ids, vault secrets with their version counts, and
/// registry tags with their digests. Tests compare it before and after a run to find what a command created.
/// </summary>
static class Inventory
{
    public static JsonObject Of(EmulatorState state, DateTimeOffset now) => new()
    {
        ["resources"] = new JsonArray(state.Resources.Values.OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["type"] = r.Type,
            ["name"] = r.Name,
            ["provisioningState"] = r.ProvisioningState(now),
        }).ToArray()),
        ["applications"] = new JsonArray(state.Directory.Applications.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["appId"] = a.AppId,
            ["displayName"] = a.DisplayName,
            ["passwords"] = new JsonArray(a.PasswordCredentials.Select(p => (JsonNode)p.KeyId).ToArray()),
        }).ToArray()),
        ["servicePrincipals"] = new JsonArray(state.Directory.ServicePrincipals.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id,
            ["appId"] = p.AppId,
            ["displayName"] = p.DisplayName,
        }).ToArray()),
        ["secrets"] = new JsonArray(state.Resources.Values.Where(r => r.Type == Vaults.VaultType)
            .SelectMany(vault => SecretBook.Of(vault).All(now).Select(s => (JsonNode)new JsonObject
            {
                ["vault"] = vault.Name,
                ["name"] = s.Name,
                ["versions"] = s.Versions.Count,
                ["deleted"] = s.IsDeleted,
            })).ToArray()),
        ["images"] = new JsonArray(state.Resources.Values.Where(r => r.Type == RegistryEndpoints.RegistryType)
            .SelectMany(registry => RegistryContent.Load(registry).Repositories.SelectMany(repo => repo.Value.Tags.Select(tag => (JsonNode)new JsonObject
            {
                ["registry"] = registry.Name,
                ["repository"] = repo.Key,
                ["tag"] = tag.Key,
                ["digest"] = tag.Value.LastOrDefault()?.Digest,
            }))).ToArray()),
    };
}
