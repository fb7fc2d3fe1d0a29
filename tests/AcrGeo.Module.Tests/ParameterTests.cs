using System.Reflection;

namespace AcrGeo.Module.Tests;

/// <summary>Parameter metadata PowerShell would refuse at import, or that would make the module's own pipelines need glue.</summary>
[Collection(ModuleMetadataCollection.Name)]
public sealed class ParameterTests(ModuleMetadata module)
{
    /// <summary>The common and ShouldProcess parameters with their aliases (PowerShell 7.4): a cmdlet may not reuse them.</summary>
    static readonly string[] CommonParameters =
    [
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv", "WhatIf", "wi", "Confirm", "cf",
    ];

    [Fact]
    public void Every_by_property_name_parameter_binds_from_an_object_the_module_outputs()
    {
        var outputProperties = module.Cmdlets.SelectMany(c => c.OutputTypes).Distinct()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(property => property.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byPropertyName = module.Cmdlets
            .SelectMany(cmdlet => cmdlet.Parameters.Where(p => p.Declarations.Any(d => d.ValueFromPipelineByPropertyName)).Select(p => (cmdlet, parameter: p)))
            .ToList();
        Assert.NotEmpty(byPropertyName);
        Assert.All(byPropertyName, item => Assert.True(item.parameter.NameAndAliases.Any(outputProperties.Contains),
            $"{item.cmdlet.Name} -{item.parameter.Name} (aliases: {string.Join(", ", item.parameter.Aliases)}) matches no property of any output type"));
    }

    [Fact]
    public void No_parameter_name_or_alias_is_used_twice_in_a_cmdlet_or_taken_from_the_common_parameters() =>
        Assert.All(module.Cmdlets, cmdlet =>
        {
            var names = cmdlet.Parameters.SelectMany(p => p.NameAndAliases).ToList();
            var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
            Assert.True(!repeated.Any(), $"{cmdlet.Name}: {string.Join(", ", repeated)} name more than one parameter");
            var common = names.Intersect(CommonParameters, StringComparer.OrdinalIgnoreCase);
            Assert.True(!common.Any(), $"{cmdlet.Name}: {string.Join(", ", common)} are common parameter names");
        });

    [Fact]
    public void The_default_parameter_set_is_one_the_parameters_declare() =>
        Assert.All(module.Cmdlets, cmdlet =>
        {
            var sets = NamedSets(cmdlet);
            if (cmdlet.DefaultParameterSetName is { } defaultSet)
                Assert.True(sets.Contains(defaultSet), $"{cmdlet.Name}: default set '{defaultSet}' is not among {string.Join(", ", sets)}");
            else
                Assert.True(sets.Count <= 1, $"{cmdlet.Name} has sets {string.Join(", ", sets)} but no DefaultParameterSetName to fall back on");
        });

    [Fact]
    public void A_parameter_is_declared_at_most_once_per_parameter_set() =>
        Assert.All(module.Cmdlets.SelectMany(c => c.Parameters.Select(p => (cmdlet: c, parameter: p))), item =>
        {
            var repeated = item.parameter.Declarations.GroupBy(d => d.SetName).Where(g => g.Count() > 1).Select(g => g.Key);
            Assert.True(!repeated.Any(), $"{item.cmdlet.Name} -{item.parameter.Name} is declared twice in {string.Join(", ", repeated)}");
        });

    [Fact]
    public void No_two_positional_parameters_share_a_position_in_one_parameter_set() =>
        Assert.All(module.Cmdlets, cmdlet =>
        {
            var sets = NamedSets(cmdlet);
            foreach (var set in sets.Count == 0 ? new[] { ModuleMetadata.AllParameterSets } : sets.ToArray())
            {
                var clashes = cmdlet.Parameters
                    .SelectMany(p => p.Declarations.Where(d => d.Position is not null && (d.SetName == set || d.SetName == ModuleMetadata.AllParameterSets))
                        .Select(d => (p.Name, Position: d.Position!.Value)))
                    .GroupBy(p => p.Position)
                    .Where(g => g.Count() > 1)
                    .Select(g => $"position {g.Key}: {string.Join(", ", g.Select(p => p.Name))}");
                Assert.True(!clashes.Any(), $"{cmdlet.Name} set '{set}': {string.Join("; ", clashes)}");
            }
        });

    static IReadOnlyCollection<string> NamedSets(CmdletMetadata cmdlet) =>
        cmdlet.Parameters.SelectMany(p => p.Declarations).Select(d => d.SetName)
            .Where(set => set != ModuleMetadata.AllParameterSets).ToHashSet(StringComparer.Ordinal);
}
