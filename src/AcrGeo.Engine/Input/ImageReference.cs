using System;
using System.Linq;

namespace AcrGeo.Input;

/// <summary>
/// An image reference taken apart by the distribution specification's grammar: an optional registry host, a repository
/// of lowercase path components, and a tag or a digest. Every part that reaches a URL has passed this parser, so a
/// reference cannot carry a '?', '#', '..' or a control character into a request.
/// </summary>
public sealed class ImageReference
{
    const int MaxNameLength = 255;
    const string Allowed = "use [registry/]repository[:tag|@digest], with a lowercase repository such as 'aci-helloworld:v1' or " +
                           "'mcr.microsoft.com/azuredocs/aci-helloworld:latest'";

    ImageReference(string? registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        RepositoryPath = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host (with its port, if any), or null for a short name ("aci-helloworld:v1").</summary>
    public string? Registry { get; }
    public string RepositoryPath { get; }
    public string? Tag { get; }
    public string? Digest { get; }
    /// <summary>What a registry is asked for: the digest when there is one (as Docker pulls), else the tag (latest by default).</summary>
    public string Reference => Digest ?? Tag ?? "latest";
    public bool IsDigest => Digest is not null;
    public string RepositoryAndReference => RepositoryPath + (IsDigest ? "@" : ":") + Reference;

    public string WithRegistry(string host) => $"{host}/{RepositoryAndReference}";

    /// <summary>Parses "host[:port]/repo:tag", "repo:tag", "repo" (tag latest) or "repo@sha256:..."; refuses what a registry would.</summary>
    public static ImageReference Parse(string? image)
    {
        if (string.IsNullOrEmpty(image) || image!.Length > MaxNameLength + 1 + 128 + 1 + 71 + 64)
            throw Invalid(image, "it is empty or too long");
        var text = image;
        string? digest = null;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            digest = CheckDigest(text.Substring(at + 1), image);
            text = text.Substring(0, at);
        }
        string? registry = null;
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            var first = text.Substring(0, slash);
            // Docker's rule: the first component names a registry when it has a dot or a port, or is localhost.
            if (first.Contains(".") || first.Contains(":") || first == "localhost")
            {
                registry = CheckHost(first, image).ToLowerInvariant();
                text = text.Substring(slash + 1);
            }
        }
        string? tag = null;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = text.Substring(colon + 1);
            text = text.Substring(0, colon);
            if (!IsTag(tag)) throw Invalid(image, $"the tag '{InputRules.Printable(tag)}' is not 1 to 128 letters, digits, '_', '.' and '-' starting with a letter, digit or '_'");
        }
        CheckRepository(text, image);
        // Docker Hub's official images live under library/.
        if (registry is "docker.io" or "registry-1.docker.io" or "index.docker.io" && !text.Contains("/")) text = "library/" + text;
        return new ImageReference(registry, text, digest is null ? tag ?? "latest" : tag, digest);
    }

    /// <summary>
    /// A content digest as the distribution and OCI specifications define it; the registries here speak sha256 (64
    /// lowercase hex digits) and sha512 (128).
    /// </summary>
    public static string CheckDigest(string? digest, string? image = null)
    {
        var colon = digest?.IndexOf(':') ?? -1;
        var algorithm = colon > 0 ? digest!.Substring(0, colon) : "";
        var hex = colon > 0 ? digest!.Substring(colon + 1) : "";
        var length = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
        if (length > 0 && hex.Length == length && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')) return digest!;
        throw new AcrGeoException(ErrorIds.InvalidImageDigest, AcrErrorCategory.InvalidArgument,
            $"'{InputRules.Printable(digest)}'{(image is null ? "" : $" in '{InputRules.Printable(image)}'")} is not a digest: use " +
            "sha256: followed by 64 lowercase hexadecimal digits (or sha512: and 128).", digest);
    }

    static string CheckHost(string host, string image)
    {
        var colon = host.LastIndexOf(':');
        var name = colon >= 0 ? host.Substring(0, colon) : host;
        var port = colon >= 0 ? host.Substring(colon + 1) : null;
        var nameOk = name.Length is > 0 and <= 253 && name.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label.All(c => char.IsLetterOrDigit(c) && c < 128 || c == '-') && label[0] != '-' && label[label.Length - 1] != '-');
        var portOk = port is null || (port.Length is > 0 and <= 5 && port.All(c => c is >= '0' and <= '9') && int.Parse(port) is > 0 and <= 65535);
        return nameOk && portOk ? host : throw Invalid(image, $"the registry '{InputRules.Printable(host)}' is not a host name with an optional port");
    }

    /// <summary>A repository path alone (from a registry's catalogue or -Repository), by the same grammar.</summary>
    public static string CheckRepositoryPath(string? repository)
    {
        CheckRepository(repository ?? "", repository ?? "");
        return repository!;
    }

    static void CheckRepository(string repository, string image)
    {
        if (repository.Length == 0 || repository.Length > MaxNameLength)
            throw Invalid(image, "the repository is empty or longer than 255 characters");
        foreach (var component in repository.Split('/'))
            if (!IsPathComponent(component))
                throw Invalid(image, $"the repository component '{InputRules.Printable(component)}' is not lowercase letters and digits " +
                                     "joined by single '.', '_' or '__', or hyphens");
    }

    /// <summary>path-component: alpha-numeric runs joined by '.', '_', '__' or one or more '-'.</summary>
    static bool IsPathComponent(string component)
    {
        if (component.Length == 0 || !IsAlphaNumeric(component[0]) || !IsAlphaNumeric(component[component.Length - 1])) return false;
        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if (IsAlphaNumeric(c)) continue;
            var end = i;
            while (end < component.Length && !IsAlphaNumeric(component[end])) end++;
            var separator = component.Substring(i, end - i);
            if (separator is not ("." or "_" or "__") && !separator.All(s => s == '-')) return false;
            i = end - 1;
        }
        return true;
    }

    /// <summary>A tag: a word character, then up to 127 word characters, '.' and '-'.</summary>
    public static bool IsTag(string? tag) =>
        tag is { Length: >= 1 and <= 128 } && IsWord(tag[0]) && tag.All(c => IsWord(c) || c is '.' or '-');

    static bool IsAlphaNumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
    static bool IsWord(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    static AcrGeoException Invalid(string? image, string why) =>
        new(ErrorIds.InvalidImageName, AcrErrorCategory.InvalidArgument,
            $"'{InputRules.Printable(image)}' is not an image reference: {why}. {char.ToUpperInvariant(Allowed[0])}{Allowed.Substring(1)}.", image);
}
