using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Input;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists a registry's replicas, the home replica included, with provisioning state and sync status.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrReplica")]
[OutputType(typeof(AcrReplica))]
public sealed class GetAcrReplicaCommand : OneRegistryCmdlet
{
    [Parameter(Position = 1)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var registry = await ResolveRegistryAsync().ConfigureAwait(false);
        var all = await new ReplicaOperations(Connection).ListAsync(registry, Context).ConfigureAwait(false);
        if (Name is null)
        {
            foreach (var replica in all) Emit(replica);
            return;
        }
        foreach (var name in Name)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name) && !Passes(() => InputRules.ReplicaName(name))) continue;
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = all.Where(r => pattern.IsMatch(r.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                EmitError(new AcrGeoException(ErrorIds.ReplicaNotFound, AcrErrorCategory.ObjectNotFound,
                    $"Registry '{registry.Name}' has no replica named '{name}'.", name));
            foreach (var replica in matches) Emit(replica);
        }
    }
}
