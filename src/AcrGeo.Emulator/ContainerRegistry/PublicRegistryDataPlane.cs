using System.Text;
using System.Text.Json.Nodes;
using AcrGeo.Emulator.Arm;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// The public registries of the catalogue (<c>mcr.microsoft.com</c>, Docker Hub's <c>registry-1.docker.io</c>) as an
/// anonymous client reads them: <c>GET|HEAD /v2/{repository}/manifests/{tag|digest}</c> with the digest, so a client can
/// tell whether an image it imported is the one a registry holds. MCR needs no token for this; Docker Hub asks for an
/// anonymous one, which the emulator leaves out (docs/emulator.md lists the difference).
/// </summary>
sealed class PublicRegistryDataPlane
{
    static readonly string[] Hosts = [PublicImages.Mcr, "registry-1.docker.io"];

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var host = ctx.Request.Host.Host;
        if (!Hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            await next(ctx);
            return;
        }
        var path = ctx.Request.Path.Value ?? "/";
        IResult result;
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            result = Error(405, "UNSUPPORTED", "The public registries here are read-only.");
        else if (path is "/v2" or "/v2/")
            result = ArmHttp.Json(new JsonObject());
        else if (path.StartsWith("/v2/", StringComparison.Ordinal) && path.LastIndexOf("/manifests/", StringComparison.Ordinal) is var at and > 4)
            result = Manifest(ctx, host, path[4..at], path[(at + "/manifests/".Length)..]);
        else
            result = Error(404, "NAME_UNKNOWN", "repository name not known to registry");
        await result.ExecuteAsync(ctx);
    }

    static IResult Manifest(HttpContext ctx, string host, string repository, string reference)
    {
        if (PublicImages.Find(host, repository, reference) is not { } image)
            return Error(404, "MANIFEST_UNKNOWN", $"manifest unknown: {repository}:{reference}");
        var bytes = Encoding.UTF8.GetBytes(image.Manifest);
        ctx.Response.Headers["Docker-Content-Digest"] = image.Digest;
        ctx.Response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        if (!HttpMethods.IsHead(ctx.Request.Method)) return Results.Bytes(bytes, RegistryContent.ManifestMediaType);
        ctx.Response.ContentType = RegistryContent.ManifestMediaType;
        ctx.Response.ContentLength = bytes.Length;
        return Results.Empty;
    }

    static IResult Error(int status, string code, string message) =>
        ArmHttp.Json(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) }, status);
}
