using System;
using System.Linq;
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
    /// <summary>The public registries the emulator's import catalogue serves, for reading an image's digest.</summary>
    static readonly string[] EmulatedHosts = { "mcr.microsoft.com", "registry-1.docker.io" };
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
        if (uri.Host is null) return null;
        if (EmulatedSuffixes.Any(suffix => uri.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            || EmulatedHosts.Any(host => uri.Host.Equals(host, StringComparison.OrdinalIgnoreCase)))
        {
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
