using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.Hosting;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.State;

namespace AcrGeo.Emulator.ContainerRegistry;

/// <summary>
/// <c>POST .../registries/{r}/importImage</c>: copies an image into the registry without Docker, from the emulator's
/// catalogue of public images or from another emulated registry (by resource id, or by login server with credentials).
/// Long-running as ACR runs it: 202 with a subscription-scoped <c>Location</c> to poll (<c>.../locations/{loc}/operationResults/registries-{id}</c>).
/// What cannot be imported (an unknown image, a tag that exists under NoForce, a source that refuses the credentials) is
/// known at once but reported as ACR reports it: the operation ends Failed. The image lands in the home region when
/// the operation ends and in every other replica after the sync delay; push webhooks hear of it in each region then.
/// </summary>
static partial class ImportEndpoints
{
    const string PullAction = "Microsoft.ContainerRegistry/registries/pull/read";
    const string ImportAction = "Microsoft.ContainerRegistry/registries/importImage/action";

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagName();

    public static void Map(WebApplication app, StateStore store, EmulatorSettings settings, TokenService tokens)
    {
        var delivery = new WebhookDelivery(store);
        store.AddSettleStep((state, now) => RegistryContent.Settle(state, now, delivery));

        app.MapPost(RegistryEndpoints.Registry + "/importImage", async (HttpContext ctx, string sub, string rg, string registry) =>
        {
            var request = ImportRequest.Read(await ArmHttp.ReadObjectAsync(ctx));
            var caller = ArmCoreEndpoints.Caller(ctx);

            // A source named by login server (or by a replica's regional endpoint, which serves what has reached that
            // replica) is opened with the given credentials, as a token exchange would open it.
            var byHost = request.RegistryUri is { } uri && request.ResourceId is null
                ? store.Read(state => RegistryDataPlane.ResolveHost(state, Host(uri)))
                : null;
            var byLoginServer = byHost?.Registry;
            var credentialsOpen = byLoginServer is not null
                                  && RegistryDataPlane.MayPull(store, tokens, settings, byLoginServer, request.Username, request.Password);

            return store.Write(state =>
            {
                var target = RegistryEndpoints.Require(store, state, sub, rg, registry);
                var now = store.Now;
                var (image, failure) = request.ResourceId is { } sourceId
                    ? FromRegistryResource(state, caller, target, sourceId, request, now)
                    : byLoginServer is not null
                        ? FromRegistry(state, target, byLoginServer, request, credentialsOpen, now, byHost?.Region)
                        : FromPublicRegistry(request);
                var targets = request.Targets(image);
                if (failure is null && request.Mode == "NoForce"
                    && targets.FirstOrDefault(t => t.Tag is not null && RegistryContent.TagExists(target, t.Repository, t.Tag)) is { Tag: not null } taken)
                    failure = new ArmErrorRecord("Conflict", $"Tag {taken.Repository}:{taken.Tag} already exists in target registry. " +
                                                             "Import with mode Force (az acr import --force) to overwrite it.");

                var operation = LongRunning.Start(ctx, state, target.Id, "import", now, settings.ProvisioningDelay);
                operation.Error ??= failure;
                if (operation.Error is null)
                    RegistryContent.Land(state, target, target.Location!, operation.CompletesAt, settings.SyncDelay, image!, targets);
                LongRunning.AddLocationHeaders(ctx, operation, RegistryEndpoints.Namespace, target.Location!, "registries",
                    settings.RetryAfterSeconds);
                return Results.StatusCode(202);
            });
        }).WithMetadata(ApiVersions.ContainerRegistry("registries"));
    }

    /// <summary>
    /// A source registry named by resource id. As ARM does for a linked scope, the caller needs pull on it (AcrPull,
    /// Reader and above) besides importImage on the target, else 403 LinkedAuthorizationFailed at once.
    /// </summary>
    static (ImageManifest?, ArmErrorRecord?) FromRegistryResource(EmulatorState state, TokenPrincipal caller, ResourceRecord target,
        string sourceId, ImportRequest request, DateTimeOffset now)
    {
        if (!Rbac.IsAllowed(state, caller.ObjectId, sourceId, PullAction))
            throw new ArmException(HttpStatusCode.Forbidden, "LinkedAuthorizationFailed",
                $"The client '{caller.AppId}' with object id '{caller.ObjectId}' has permission to perform action '{ImportAction}' on " +
                $"scope '{target.Id}'; however, it does not have permission to perform action '{PullAction}' on the linked scope(s) " +
                $"'{sourceId}' or the linked scope(s) are invalid.");
        return state.Find(sourceId) is { Type: RegistryEndpoints.RegistryType } source
            ? FromRegistry(state, target, source, request, credentialsOpen: true, now)
            : (null, new ArmErrorRecord("InvalidParameters", $"The source registry '{sourceId}' could not be found."));
    }

    /// <summary>
    /// An emulated registry's image as its replica nearest the target sees it (ACR reads from the nearest replica), or
    /// as the replica of <paramref name="region"/> sees it when the source was named by that replica's regional endpoint:
    /// an image still on its way there is not found yet.
    /// </summary>
    static (ImageManifest?, ArmErrorRecord?) FromRegistry(EmulatorState state, ResourceRecord target, ResourceRecord source,
        ImportRequest request, bool credentialsOpen, DateTimeOffset now, string? region = null)
    {
        var loginServer = source.Name.ToLowerInvariant() + ".azurecr.io";
        if (!credentialsOpen)
            return (null, new ArmErrorRecord("InvalidParameters",
                $"Access to {loginServer} denied. The source credentials are missing or wrong, or the principal has no pull role on the source registry."));
        var (repository, reference) = PublicImages.SplitReference(request.SourceImage);
        var found = RegistryContent.Find(state, source, region ?? target.Location, repository, reference, now);
        if (!found.Found)
            return (null, NotFound(request.SourceImage, loginServer));
        var manifest = RegistryContent.Load(source).Repositories[repository].Manifests[found.Digest!];
        return (ImageManifest.From(manifest), null);
    }

    static (ImageManifest?, ArmErrorRecord?) FromPublicRegistry(ImportRequest request)
    {
        var host = Host(request.RegistryUri!);
        if (!PublicImages.IsPublicRegistry(host))
            return (null, new ArmErrorRecord("InvalidParameters",
                $"Could not reach the source registry '{host}': the emulator reaches no network. It imports from its catalogue " +
                "of public images (mcr.microsoft.com, docker.io) and from the registries it emulates."));
        var (repository, reference) = PublicImages.SplitReference(request.SourceImage);
        return PublicImages.Find(host, repository, reference) is { } image ? (image, null) : (null, NotFound(request.SourceImage, host));
    }

    static ArmErrorRecord NotFound(string image, string host) =>
        new("InvalidParameters", $"Image not found. The image '{image}' does not exist in the source registry '{host}'.");

    static string Host(string registryUri)
    {
        var host = registryUri.Trim();
        if (host.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) host = host["https://".Length..];
        return host.TrimEnd('/');
    }

    /// <summary>The request body, checked as ACR checks it before it starts the operation.</summary>
    sealed record ImportRequest(string SourceImage, string? RegistryUri, string? ResourceId, string? Username, string? Password,
        List<(string Repository, string Tag)> TargetTags, List<string> UntaggedRepositories, string Mode)
    {
        public static ImportRequest Read(JsonObject body)
        {
            var source = ArmHttp.ReadObject(body, "source")
                         ?? throw Invalid("The 'source' of the import is required: a sourceImage with a registryUri or a resourceId.", "source");
            var sourceImage = ArmHttp.ReadString(source, "sourceImage");
            if (string.IsNullOrWhiteSpace(sourceImage)) throw Invalid("'source.sourceImage' is required.", "source.sourceImage");
            var registryUri = ArmHttp.ReadString(source, "registryUri");
            var resourceId = ArmHttp.ReadString(source, "resourceId");
            if (string.IsNullOrWhiteSpace(registryUri) && string.IsNullOrWhiteSpace(resourceId))
                throw Invalid("The source needs a 'registryUri' or a 'resourceId'.", "source");
            if (resourceId is not null && !resourceId.Contains("/providers/Microsoft.ContainerRegistry/registries/", StringComparison.OrdinalIgnoreCase))
                throw Invalid($"'source.resourceId' must be the resource id of a container registry; '{resourceId}' is not.", "source.resourceId");

            var credentials = ArmHttp.ReadObject(source, "credentials");
            var password = credentials is null ? null : ArmHttp.ReadString(credentials, "password");
            if (credentials is not null && string.IsNullOrEmpty(password))
                throw Invalid("'source.credentials.password' is required when credentials are given.", "source.credentials.password");

            var mode = ArmHttp.ReadString(body, "mode") ?? "NoForce";
            if (mode is not ("NoForce" or "Force")) throw Invalid("'mode' must be 'NoForce' or 'Force'.", "mode");

            var targetTags = Strings(body, "targetTags").Select(t =>
            {
                var (repository, tag) = PublicImages.SplitReference(t);
                if (t.Contains('@') || !RepositoryName().IsMatch(repository) || !TagName().IsMatch(tag))
                    throw Invalid($"The target tag '{t}' is not a valid 'repository:tag'.", "targetTags");
                return (repository, tag);
            }).ToList();
            var untagged = Strings(body, "untaggedTargetRepositories").ToList();
            if (untagged.FirstOrDefault(r => !RepositoryName().IsMatch(r)) is { } bad)
                throw Invalid($"The target repository '{bad}' is not a valid repository name.", "untaggedTargetRepositories");

            return new ImportRequest(sourceImage.Trim(), registryUri, resourceId, credentials is null ? null : ArmHttp.ReadString(credentials, "username"),
                password, targetTags, untagged, mode);
        }

        /// <summary>Where the image goes; with no target named, the source's own repository and tag (as the CLI defaults).</summary>
        public List<(string Repository, string? Tag)> Targets(ImageManifest? image)
        {
            var targets = TargetTags.Select(t => (t.Repository, (string?)t.Tag))
                .Concat(UntaggedRepositories.Select(r => (r, (string?)null))).ToList();
            if (targets.Count > 0) return targets;
            var (repository, reference) = PublicImages.SplitReference(SourceImage);
            return [(repository, RegistryContent.IsDigest(reference) ? null : reference)];
        }

        static IEnumerable<string> Strings(JsonObject body, string name) =>
            body[name] switch
            {
                null => [],
                JsonArray array => array.Select(item => item?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? item.GetValue<string>()
                    : throw ArmException.InvalidRequestContent($"'{name}' must be an array of strings.")),
                _ => throw ArmException.InvalidRequestContent($"'{name}' must be an array of strings."),
            };

        static ArmException Invalid(string message, string target) => ArmException.BadRequest("InvalidParameters", message, target);
    }
}
