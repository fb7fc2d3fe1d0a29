using System;
using System.Linq;

namespace AcrGeo.Input;

/// <summary>
/// The one place a repository, tag or digest becomes part of a registry's data-plane URL (Docker Registry v2 and ACR's
/// <c>/acr/v1</c>), as <see cref="Arm.ArmPath"/> is for ARM. The host must be a DNS name; a repository is re-checked by
/// the distribution grammar component by component, a reference must be a tag or a digest, and each segment is escaped.
/// </summary>
sealed class RegistryUrl
{
    readonly string host;

    RegistryUrl(string host) => this.host = host;

    /// <summary>A registry's data plane at a host name the service gave (a login server) or one built from checked names.</summary>
    public static RegistryUrl At(string host)
    {
        var valid = host is { Length: > 0 and <= 253 } && host.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'));
        return valid
            ? new RegistryUrl(host.ToLowerInvariant())
            : throw new AcrGeoException(ErrorIds.InvalidPathSegment, AcrErrorCategory.InvalidArgument,
                $"'{InputRules.Printable(host)}' cannot be used as a registry host: it is not a DNS name.", host);
    }

    /// <summary>A replica's regional endpoint: <c>{registry}.{region}.geo{suffix}</c>.</summary>
    public static RegistryUrl Regional(string registryName, string region, string loginServerSuffix) =>
        At($"{InputRules.RegistryName(registryName).ToLowerInvariant()}.{InputRules.RegionName(region)}.geo{loginServerSuffix}");

    /// <summary>The host name, as checked (in lower case).</summary>
    public string Host => host;

    public Uri Token => Build("oauth2/token");
    public Uri Exchange => Build("oauth2/exchange");
    public Uri Catalog => Build("acr/v1/_catalog");

    /// <summary>ACR's list of a repository's tags.</summary>
    public Uri Tags(string repository) => Build($"acr/v1/{Repository(repository)}/_tags");

    /// <summary>ACR's attributes of one tag (its digest among them).</summary>
    public Uri Tag(string repository, string tag) => Build($"acr/v1/{Repository(repository)}/_tags/{Reference(tag)}");

    /// <summary>Docker Registry v2: a manifest by tag or digest.</summary>
    public Uri Manifest(string repository, string reference) => Build($"v2/{Repository(repository)}/manifests/{Reference(reference)}");

    /// <summary>A token request's query (service and scope), escaped.</summary>
    public Uri TokenFor(string scope) =>
        new($"https://{host}/oauth2/token?service={Uri.EscapeDataString(host)}&scope={Uri.EscapeDataString(scope)}");

    /// <summary>The scope a pull needs on one repository: the repository checked like any path.</summary>
    public static string PullScope(string repository, string actions = "pull") => $"repository:{Repository(repository)}:{actions}";

    Uri Build(string path) => new($"https://{host}/{path}");

    static string Repository(string repository) =>
        string.Join("/", ImageReference.CheckRepositoryPath(repository).Split('/').Select(Uri.EscapeDataString));

    static string Reference(string reference) =>
        reference.StartsWith("sha", StringComparison.Ordinal) && reference.Contains(":")
            ? ImageReference.CheckDigest(reference)
            : ImageReference.IsTag(reference)
                ? reference
                : throw new AcrGeoException(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
                    $"'{InputRules.Printable(reference)}' is not a tag (1 to 128 letters, digits, '_', '.' and '-') or a digest.", reference);
}
