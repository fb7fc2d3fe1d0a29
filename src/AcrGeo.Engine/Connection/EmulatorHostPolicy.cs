using System;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrGeo.Connection;

/// <summary>
/// Against the emulator, requests keep their real Azure host names (a vault's <c>name.vault.azure.net</c>, a
/// registry's login server), so clients behave exactly as in Azure, challenge checks included; this last policy
/// before the transport dials the emulator instead and keeps the name in the Host header, which is how the emulator
/// tells the services apart.
/// </summary>
sealed class EmulatorHostPolicy : HttpPipelineSynchronousPolicy
{
    static readonly string[] EmulatedSuffixes = { ".vault.azure.net", ".azurecr.io" };
    readonly Uri emulator;

    public EmulatorHostPolicy(Uri emulator) => this.emulator = emulator;

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        foreach (var suffix in EmulatedSuffixes)
        {
            if (uri.Host is null || !uri.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            message.Request.Headers.SetValue("Host", uri.Host);
            uri.Host = emulator.Host;
            uri.Port = emulator.Port;
            return;
        }
    }
}
