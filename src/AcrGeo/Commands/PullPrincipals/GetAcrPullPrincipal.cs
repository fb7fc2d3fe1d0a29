using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using AcrGeo.Models;
using AcrGeo.Operations;

namespace AcrGeo.Commands;

/// <summary>
/// <para type="synopsis">Lists the principals that may pull from registries with their expiry and the container groups that use them, or the one whose credentials a vault holds.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "AcrPullPrincipal", DefaultParameterSetName = RegistrySet)]
[OutputType(typeof(AcrPullPrincipal))]
public sealed class GetAcrPullPrincipalCommand : RegistryCmdlet
{
    const string RegistrySet = "Registry";
    const string SweepSet = "ExpiringWithin";
    readonly List<AcrRegistry> swept = new();

    /// <summary>The registry; with -ExpiringWithin optional (every registry of the subscription, or those piped in).</summary>
    [Parameter(ParameterSetName = RegistrySet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = SweepSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RegistryName")]
    [ValidatePattern(NameRules.ResourceNamePattern)]
    [ArgumentCompleter(typeof(RegistryNameCompleter))]
    public string? Registry { get; set; }

    /// <summary>Optional: registry names are unique, so without it the registry is found by name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ResourceGroupName { get; set; }

    [Parameter(ParameterSetName = RegistrySet, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern(VaultOperations.NamePattern)]
    public string? VaultName { get; set; }

    [Parameter(ParameterSetName = RegistrySet, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("AcrPull", "AcrPush")]
    public string Role { get; set; } = "AcrPull";

    /// <summary>
    /// Only the principals whose password expires within this time from now (expired ones too), each with the container
    /// groups that pull with it: across every registry of the subscription, or those named or piped in.
    /// </summary>
    [Parameter(ParameterSetName = SweepSet, Mandatory = true)]
    public TimeSpan ExpiringWithin { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == SweepSet)
        {
            // Collected here and swept once at the end, so the container groups are listed once for all registries.
            if (Registry is not null) swept.Add(await ResolveRegistryAsync(Registry, ResourceGroupName).ConfigureAwait(false));
            return;
        }
        var registry = await ResolveRegistryAsync(Registry!, ResourceGroupName).ConfigureAwait(false);
        var principals = new PullPrincipalOperations(Connection);
        if (VaultName is not null)
        {
            Emit(await principals.GetAsync(registry, VaultName, Role, Context).ConfigureAwait(false));
            return;
        }
        foreach (var principal in await principals.ListAsync(registry, Context).ConfigureAwait(false))
            EmitWarningIfExpired(principal);
    }

    protected override async Task EndProcessingAsync()
    {
        if (ParameterSetName != SweepSet) return;
        foreach (var principal in await new PullPrincipalOperations(Connection).SweepAsync(swept.Count == 0 ? null : swept, ExpiringWithin, Context)
                     .ConfigureAwait(false))
            EmitWarningIfExpired(principal);
    }

    void EmitWarningIfExpired(AcrPullPrincipal principal)
    {
        if (principal.IsExpired) Warn($"The password of '{principal.DisplayName}' ({principal.AppId}) expired on {principal.ExpiresOn:u}.");
        Emit(principal);
    }
}
