using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Connection;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo;

/// <summary>Base of the cmdlets that work on a registry: resolves each registry once per command, however many inputs name it.</summary>
public abstract class RegistryCmdlet : AsyncCmdlet
{
    readonly ConcurrentDictionary<string, Task<AcrRegistry>> registries = new(StringComparer.OrdinalIgnoreCase);

    internal AcrGeoConnection Connection => AcrGeoSession.Current;

    internal Task<AcrRegistry> ResolveRegistryAsync(string name, string? resourceGroupName) =>
        registries.GetOrAdd($"{resourceGroupName}/{name}",
            _ => new RegistryOperations(Connection).GetAsync(name, string.IsNullOrEmpty(resourceGroupName) ? null : resourceGroupName, Context));

    /// <summary>
    /// A registry object piped in (from Get-AcrRegistry) is taken as it is, since it carries its id: no request to find it
    /// again. Otherwise as <see cref="ResolveRegistryAsync(string, string?)"/>.
    /// </summary>
    internal Task<AcrRegistry> ResolveRegistryAsync(string name, string? resourceGroupName, AcrRegistry? piped) =>
        piped is { Id.Length: > 0 } && piped.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(piped)
            : ResolveRegistryAsync(name, resourceGroupName);

    internal static IDictionary<string, string>? ToDictionary(Hashtable? table)
    {
        if (table is null) return null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table) result[entry.Key?.ToString() ?? ""] = entry.Value?.ToString() ?? "";
        return result;
    }
}

/// <summary>Base of the cmdlets that work on one registry named by -Registry (piped objects bind by RegistryName).</summary>
public abstract class OneRegistryCmdlet : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string Registry { get; set; } = "";

    /// <summary>Optional: registry names are unique, so without it the registry is found by name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    internal Task<AcrRegistry> ResolveRegistryAsync() => ResolveRegistryAsync(Registry, ResourceGroupName);
}

/// <summary>Base of the cmdlets that work on a registry's credentials kept in a vault.</summary>
public abstract class PullCredentialCmdlet : OneRegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string VaultName { get; set; } = "";

    /// <summary>AcrPull (pull only) or AcrPush: which principal, and which pair of secrets.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("AcrPull", "AcrPush")]
    public string Role { get; set; } = "AcrPull";
}
