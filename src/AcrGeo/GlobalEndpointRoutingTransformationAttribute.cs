using System;
using System.Management.Automation;
using AcrGeo.Models;

namespace AcrGeo;

/// <summary>
/// Lets -GlobalEndpointRouting take what its old name, -RegionEndpointEnabled, took: $true and $false (and "true",
/// "false"), besides Enabled and Disabled, as the Azure CLI still accepts --region-endpoint-enabled.
/// </summary>
public sealed class GlobalEndpointRoutingTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            bool enabled => enabled ? GlobalEndpointRouting.Enabled : GlobalEndpointRouting.Disabled,
            SwitchParameter flag => flag.IsPresent ? GlobalEndpointRouting.Enabled : GlobalEndpointRouting.Disabled,
            string text when bool.TryParse(text, out var enabled) => enabled ? GlobalEndpointRouting.Enabled : GlobalEndpointRouting.Disabled,
            _ => inputData,
        };
    }
}
