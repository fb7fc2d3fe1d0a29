using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcrGeo.Operations;

namespace AcrGeo;

/// <summary>Completes region names from the connected subscription's catalogue (read once per connection).</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = AcrGeoSession.TryCurrent;
        if (connection is null) return Array.Empty<CompletionResult>();
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        try
        {
            var regions = new RegionOperations(connection).ListRegionsAsync(OperationContext.None).GetAwaiter().GetResult();
            return regions.Where(r => r.State != Models.RegionState.Unavailable && pattern.IsMatch(r.Name))
                .Select(r => new CompletionResult(r.Name, r.Name, CompletionResultType.ParameterValue, r.DisplayName))
                .ToList();
        }
        catch (AcrGeoException)
        {
            return Array.Empty<CompletionResult>();
        }
    }
}

/// <summary>Completes registry names from the subscription (or the resource group already typed).</summary>
public sealed class RegistryNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = AcrGeoSession.TryCurrent;
        if (connection is null) return Array.Empty<CompletionResult>();
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        var group = fakeBoundParameters.Contains("ResourceGroupName") ? fakeBoundParameters["ResourceGroupName"]?.ToString() : null;
        try
        {
            return new RegistryOperations(connection).ListAsync(group, OperationContext.None).GetAwaiter().GetResult()
                .Where(r => pattern.IsMatch(r.Name))
                .Select(r => new CompletionResult(r.Name, r.Name, CompletionResultType.ParameterValue, $"{r.Name} ({r.Location}, {r.Sku})"))
                .ToList();
        }
        catch (AcrGeoException)
        {
            return Array.Empty<CompletionResult>();
        }
    }
}
