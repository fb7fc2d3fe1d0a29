using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
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

    internal static IDictionary<string, string>? ToDictionary(Hashtable? table)
    {
        if (table is null) return null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table) result[entry.Key?.ToString() ?? ""] = entry.Value?.ToString() ?? "";
        return result;
    }
}
