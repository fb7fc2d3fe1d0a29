namespace AcrGeo.Emulator.ContainerInstance;

/// <summary>
/// A Docker image reference, <c>[host[:port]/]path[:tag][@digest]</c>, read the way Docker reads it: the first path
/// component is a registry host only when it has a dot or a colon or is <c>localhost</c>; otherwise the image is on
/// Docker Hub. Without a tag or digest the reference is <c>latest</c>.
/// </summary>
sealed record ImageReference(string Host, string Repository, string Reference)
{
    public const string DockerHub = "docker.io";

    public static ImageReference? Parse(string image)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace)) return null;
        var rest = image;
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        var slash = rest.IndexOf('/');
        var first = slash < 0 ? null : rest[..slash];
        var host = first is not null && (first.Contains('.') || first.Contains(':') || first == "localhost") ? first : DockerHub;
        var path = host == DockerHub && first != DockerHub ? rest : rest[(slash + 1)..];

        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon > path.LastIndexOf('/'))
        {
            tag = path[(colon + 1)..];
            path = path[..colon];
        }
        if (path.Length == 0 || tag?.Length == 0 || digest?.Length == 0) return null;
        // Docker Hub's official images live under library/.
        if (host == DockerHub && !path.Contains('/')) path = "library/" + path;
        return new ImageReference(host.ToLowerInvariant(), path, digest ?? tag ?? "latest");
    }
}
