using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrGeo.Connection;

/// <summary>
/// Against the emulator, requests keep their real Azure host names (a vault's <c>name.vault.azure.net</c>, a
/// registry's login server), so clients behave exactly as in Azure. This last policy before the transport dials the
/// emulator instead, keeping the name in the Host header (which is how the emulator tells the services apart), and
/// puts the name back on the request when the response arrives, so the policies around it (Key Vault's challenge
/// check among them) only ever see Azure's names.
/// </summary>
sealed class EmulatorHostPolicy : HttpPipelinePolicy
{
    static readonly string[] EmulatedSuffixes = { ".vault.azure.net", ".azurecr.io" };
    readonly Uri emulator;

    public EmulatorHostPolicy(Uri emulator) => this.emulator = emulator;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var host = Redirect(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Restore(message, host);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var host = Redirect(message);
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Restore(message, host);
        }
    }

    (string Host, int Port)? Redirect(HttpMessage message)
    {
        var uri = message.Request.Uri;
        foreach (var suffix in EmulatedSuffixes)
        {
            if (uri.Host is null || !uri.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            var original = (uri.Host, uri.Port);
            message.Request.Headers.SetValue("Host", uri.Host);
            uri.Host = emulator.Host;
            uri.Port = emulator.Port;
            return original;
        }
        return null;
    }

    static void Restore(HttpMessage message, (string Host, int Port)? original)
    {
        if (original is not { } name) return;
        message.Request.Uri.Host = name.Host;
        message.Request.Uri.Port = name.Port;
        message.Request.Headers.Remove("Host");
    }
}
