using System;

namespace AcrGeo.Connection;

/// <summary>Where a cloud's services live. The public cloud, or the local emulator (everything on one loopback URL).</summary>
public sealed class CloudEndpoints
{
    public CloudEndpoints(string name, Uri resourceManager, string resourceManagerAudience, Uri authorityHost,
        string loginServerSuffix, Uri graph, string keyVaultSuffix, bool isEmulator = false)
    {
        Name = name;
        ResourceManager = resourceManager;
        ResourceManagerAudience = resourceManagerAudience;
        AuthorityHost = authorityHost;
        LoginServerSuffix = loginServerSuffix;
        Graph = graph;
        KeyVaultSuffix = keyVaultSuffix;
        IsEmulator = isEmulator;
    }

    public string Name { get; }
    public Uri ResourceManager { get; }
    /// <summary>Without a trailing slash, or the scope becomes <c>...//.default</c>.</summary>
    public string ResourceManagerAudience { get; }
    public Uri AuthorityHost { get; }
    public string LoginServerSuffix { get; }
    /// <summary>Microsoft Graph's base URL (tokens are always for https://graph.microsoft.com).</summary>
    public Uri Graph { get; }
    public string KeyVaultSuffix { get; }
    public bool IsEmulator { get; }

    public static CloudEndpoints AzureCloud { get; } = new("AzureCloud", new Uri("https://management.azure.com"),
        "https://management.azure.com", new Uri("https://login.microsoftonline.com"), ".azurecr.io",
        new Uri("https://graph.microsoft.com"), ".vault.azure.net");

    /// <summary>The emulator serves ARM, tokens and Graph from one base URL; its tokens carry Azure's own audiences.</summary>
    public static CloudEndpoints Emulator(Uri baseUri) => new("AcrGeoEmulator", baseUri, "https://management.azure.com",
        baseUri, ".azurecr.io", baseUri, ".vault.azure.net", isEmulator: true);
}
