using System.Management.Automation;

namespace AcrGeo;

/// <summary>
/// Lets -GlobalEndpointRouting take what its old name, -RegionEndpointEnabled, took: $true and $false (and "true",
/// "false"), besides Enabled and Disabled, as the Azure CLI still accepts --region-endpoint-enabled. The values are
/// strings, not the engine's enum: an enum-typed parameter would make PowerShell load the engine before the module's
/// load context is set up (a value type's layout is needed to load the cmdlet type).
/// </summary>
public sealed class GlobalEndpointRoutingTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            bool enabled => enabled ? "Enabled" : "Disabled",
            SwitchParameter flag => flag.IsPresent ? "Enabled" : "Disabled",
            string text when bool.TryParse(text, out var enabled) => enabled ? "Enabled" : "Disabled",
            _ => inputData,
        };
    }
}
