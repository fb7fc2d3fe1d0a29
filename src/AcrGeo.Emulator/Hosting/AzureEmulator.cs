using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AcrGeo.Emulator.Admin;
using AcrGeo.Emulator.Arm;
using AcrGeo.Emulator.Authorization;
using AcrGeo.Emulator.ContainerInstance;
using AcrGeo.Emulator.ContainerRegistry;
using AcrGeo.Emulator.Graph;
using AcrGeo.Emulator.Identity;
using AcrGeo.Emulator.KeyVault;
using AcrGeo.Emulator.ManagedIdentity;
using AcrGeo.Emulator.State;


namespace AcrGeo.Emulator.Hosting;

/// <summary>
/// The local Azure emulator: an HTTPS server on loopback speaking the ARM, token and admin protocols.
/// Runs as the program's server and in-process for tests (<see cref="StartAsync"/>, one port per instance).
/// </summary>
public sealed class AzureEmulator : IAsyncDisposable
{
    public const string AdminPath = "/_emulator";

    readonly WebApplication app;
    readonly ConnectProxy? proxy;

    AzureEmulator(WebApplication app, Uri baseUri, string certificatePath, X509Certificate2 certificate,
        StateStore store, EmulatorSettings settings, RequestLog requests, PullLog pulls, FaultRules faults, ConnectProxy? proxy)
    {
        this.app = app;
        this.proxy = proxy;
        BaseUri = baseUri;
        CertificatePath = certificatePath;
        Certificate = certificate;
        State = store;
        Settings = settings;
        Requests = requests;
        Pulls = pulls;
        Faults = faults;
    }

    public Uri BaseUri { get; }
    public string CertificatePath { get; }
    public X509Certificate2 Certificate { get; }
    public EmulatorSettings Settings { get; }
    public RequestLog Requests { get; }
    /// <summary>Every image pull Container Instances made, and whether it succeeded.</summary>
    public PullLog Pulls { get; }
    public FaultRules Faults { get; }
    public EmulatorIdentity Identity => State.Identity;

    /// <summary>The HTTP CONNECT proxy to vault and registry host names (<see cref="EmulatorOptions.ProxyPort"/>), or null.</summary>
    public Uri? ProxyUri => proxy?.Uri;

    /// <summary>
    /// Fires when the host begins to stop. The host's console lifetime takes SIGINT, SIGTERM and SIGQUIT (and
    /// cancels the process's default exit for them) to stop the server, so a program that waits must wait on this.
    /// </summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;
    internal StateStore State { get; }

    /// <summary>Every route the emulator maps, as ASP.NET Core holds it: what a security review walks through.</summary>
    internal IReadOnlyList<RouteEndpoint> Routes =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public static async Task<AzureEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var certificate = EmulatorCertificate.LoadOrCreate(options.ResolveDataDirectory());
        var certificatePath = Path.Combine(options.ResolveDataDirectory(), EmulatorCertificate.CertificateFileName);
        var store = new StateStore(options.StatePath, options.Clock);
        for (var more = store.Read(state => state.Subscriptions.Count()); more < options.Subscriptions; more++) store.AddSubscription(null);
        var settings = options.Settings;
        var requests = new RequestLog();
        var pulls = new PullLog();
        var faults = new FaultRules();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        // The port is known only once Kestrel binds; routes need the base URL, so they read it through this box.
        var baseUriBox = new StrongBox<Uri>();
        Configure(app, store, settings, requests, pulls, faults, () => baseUriBox.Value!);
        await app.StartAsync(cancellationToken);

        var address = app.Urls.Select(u => new Uri(u)).First();
        baseUriBox.Value = new Uri($"https://127.0.0.1:{address.Port}");
        var proxy = options.ProxyPort is { } proxyPort ? ConnectProxy.Start(proxyPort, address.Port) : null;
        return new AzureEmulator(app, baseUriBox.Value, certificatePath, certificate, store, settings, requests, pulls, faults, proxy);
    }

    static void Configure(WebApplication app, StateStore store, EmulatorSettings settings, RequestLog requests,
        PullLog pulls, FaultRules faults, Func<Uri> baseUri)
    {
        var tokens = new TokenService(store, settings, baseUri);

        // Empty path segments are read away before anything else looks at the path. ARM accepts "//subscriptions/..." (SDKs
        // build it from a scope that starts with "/") and the generic resource API's ".../providers/{ns}//{type}/{name}";
        // reading them away first means authentication, throttling and authorization all see the path the route will.
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path.Value ?? "";
            if (path.Contains("//", StringComparison.Ordinal) && !IsDataPlaneHost(ctx.Request.Host.Host))
            {
                while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
                ctx.Request.Path = new PathString(path);
            }
            await next(ctx);
        });

        app.Use(async (ctx, next) =>
        {
            AddArmHeaders(ctx);
            if (IsEmulatorOwnPath(ctx.Request.Path))
            {
                await next(ctx);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(ctx);
            }
            finally
            {
                requests.Add(store.Now, ctx.Request.Method, ctx.Request.Host.Host, ctx.Request.Path,
                    ctx.Request.Query["api-version"].FirstOrDefault(),
                    // Kestrel cancels RequestAborted asynchronously after Abort(), so a connection the emulator dropped
                    // itself is known by its mark: the client saw no status, and the log must not claim one.
                    (ctx.RequestAborted.IsCancellationRequested || ctx.Items.ContainsKey("AcrGeo.Aborted")) && !ctx.Response.HasStarted
                        ? 0
                        : ctx.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, ctx.Items["AcrGeo.Fault"] as string);
            }
        });

        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx);
            }
            catch (ArmException e)
            {
                await WriteError(ctx, (int)e.Status, ArmHttp.Error(e.Code, e.Message, e.Target));
            }
            catch (BadHttpRequestException e)
            {
                await WriteError(ctx, 400, ArmHttp.Error("InvalidRequestContent",
                    $"The request content was invalid and could not be deserialized: '{e.Message}'."));
            }
            catch (Exception) when (!ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested)
            {
                // Never a stack trace: Azure answers with its envelope and a request id to quote.
                await WriteError(ctx, 500, ArmHttp.Error("InternalServerError",
                    $"Encountered internal server error. Diagnostic information: request id '{ctx.Response.Headers["x-ms-request-id"]}'."));
            }
        });

        app.Use(async (ctx, next) =>
        {
            var rule = IsEmulatorOwnPath(ctx.Request.Path) ? null : faults.Take(ctx.Request.Method, ctx.Request.Host.Host, ctx.Request.Path);
            if (rule is null)
            {
                await next(ctx);
                return;
            }
            ctx.Items["AcrGeo.Fault"] = $"{rule.Action}:{rule.Id}";
            switch (rule.Action)
            {
                case FaultAction.Throttle:
                    ctx.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString();
                    await WriteError(ctx, 429, ArmHttp.Error("TooManyRequests",
                        $"The request is being throttled as the limit has been reached for operation type. Retry after {rule.RetryAfterSeconds} seconds."));
                    return;
                case FaultAction.InternalError:
                    await WriteError(ctx, 500, ArmHttp.Error("InternalServerError", "Encountered internal server error."));
                    return;
                case FaultAction.ServiceUnavailable:
                    ctx.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString();
                    await WriteError(ctx, 503, ArmHttp.Error("ServiceUnavailable",
                        "The service is temporarily unavailable. Retry the request later."));
                    return;
                case FaultAction.DropConnection:
                    ctx.Items["AcrGeo.Aborted"] = true;
                    ctx.Abort();
                    return;
                case FaultAction.Delay:
                    // A client that gives up (Ctrl+C) aborts the request: the wait ends with it, and nothing is handled.
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(rule.DelaySeconds), ctx.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    await next(ctx);
                    return;
                default:
                    LongRunning.MarkToFail(ctx, rule);
                    await next(ctx);
                    return;
            }
        });

        // Requests to a registry's login server are its data plane (Docker's token protocol, pulls): never routed as ARM.
        app.Use(new RegistryDataPlane(store, tokens, settings).InvokeAsync);

        // The catalogue's public registries answer manifest reads on their own host names, anonymously.
        app.Use(PublicRegistryDataPlane.InvokeAsync);

        // Requests to a vault's host name are Key Vault's, whatever their path: answered here, never routed as ARM.
        app.Use(new SecretsDataPlane(store, tokens, baseUri).InvokeAsync);

        // Every request that no service authenticates itself is ARM's, and needs an ARM token: an unknown path never
        // slips past authentication into a route that assumes it.
        app.Use(async (ctx, next) =>
        {
            if (!IsSelfAuthenticated(ctx.Request.Path))
                ctx.Items[typeof(TokenPrincipal)] = tokens.Validate(ctx.Request.Headers.Authorization, Audience.ResourceManager);
            await next(ctx);
        });
        // ARM's budgets, spent per subscription (or tenant), principal and kind after authentication, before anything else:
        // what is left goes back on every ARM answer; a spent budget is 429 with the seconds until a token is back.
        var throttle = new ArmThrottle(settings.Throttling, TimeProvider.System);
        app.Use(async (ctx, next) =>
        {
            if (IsArmPath(ctx.Request.Path) && ctx.Items[typeof(TokenPrincipal)] is TokenPrincipal caller)
            {
                var segments = (ctx.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
                var subscription = segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
                    ? segments[1]
                    : null;
                var kind = ArmThrottle.KindOf(ctx.Request.Method);
                var outcome = throttle.Take(subscription, caller.ObjectId, kind);
                var noun = kind switch { RequestKind.Read => "reads", RequestKind.Write => "writes", _ => "deletes" };
                if (subscription is null)
                    ctx.Response.Headers[$"x-ms-ratelimit-remaining-tenant-{noun}"] = outcome.Remaining.ToString();
                else
                {
                    ctx.Response.Headers[$"x-ms-ratelimit-remaining-subscription-{noun}"] = outcome.Remaining.ToString();
                    ctx.Response.Headers[$"x-ms-ratelimit-remaining-subscription-global-{noun}"] = outcome.GlobalRemaining.ToString();
                }
                if (!outcome.Allowed)
                {
                    ctx.Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString();
                    await WriteError(ctx, 429, ArmThrottle.ThrottledError(subscription, caller.TenantId, caller.ObjectId, kind, outcome.RetryAfterSeconds));
                    return;
                }
            }
            await next(ctx);
        });
        ArmAuthorization.Use(app, store);
        RoleAssignmentEndpoints.Use(app, store, settings);

        app.UseRouting();
        app.Use(async (ctx, next) =>
        {
            if (IsArmPath(ctx.Request.Path))
                (ctx.GetEndpoint()?.Metadata.GetMetadata<ApiVersionPolicy>() ?? ApiVersions.Resources)
                    .Check(ctx.Request.Query["api-version"].FirstOrDefault(), () => RoutingLocation(store, ctx.Request.Path));
            await next(ctx);
        });

        HealthEndpoint.Map(app);
        IdentityEndpoints.Map(app, tokens, store);
        GraphEndpoints.Map(app, store, tokens);
        AdminEndpoints.Map(app, store, settings, requests, pulls, faults);
        ArmCoreEndpoints.Map(app, store, settings);
        RegistryEndpoints.Map(app, store, settings);
        ImportEndpoints.Map(app, store, settings, tokens);
        VaultEndpoints.Map(app, store, settings);
        ContainerGroupEndpoints.Map(app, store, settings, tokens, pulls);
        UserAssignedIdentityEndpoints.Map(app, store, settings);
        ResourceGraph.ResourceGraphEndpoints.Map(app, store, settings);

        app.MapFallback((HttpContext ctx) => IsArmPath(ctx.Request.Path)
            ? ArmHttp.Json(ArmHttp.Error("InvalidResourceType",
                $"The resource type could not be found for the request path '{ctx.Request.Path}'."), 404)
            : ArmHttp.Json(ArmHttp.Error("NotFound", $"No service of the emulator answers '{ctx.Request.Path}'."), 404));
    }

    /// <summary>The admin API and the health probe: the emulator's own, not Azure's, so never logged or faulted.</summary>
    static bool IsEmulatorOwnPath(PathString path) =>
        path.StartsWithSegments(AdminPath) || path.Equals(HealthEndpoint.Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Paths whose services check credentials of their own: the emulator's own paths (admin API on loopback, health
    /// probe), the token and OpenID endpoints, the managed-identity endpoint and Microsoft Graph (Graph tokens). Registry
    /// and vault host names never reach this check: their data planes answer first, with their own challenges.
    /// </summary>
    static bool IsSelfAuthenticated(PathString path) =>
        IsEmulatorOwnPath(path) || path.StartsWithSegments("/v1.0")
        || path.StartsWithSegments("/adfs") || path.StartsWithSegments(IdentityEndpoints.ManagedIdentityPath)
        || IdentityEndpoints.IsTenantEndpoint(path);

    /// <summary>
    /// The location ARM routes a request by: that of the resource the path names, else of the nearest resource above it
    /// that exists (a registry for its replications, the resource group), else "global".
    /// </summary>
    static string RoutingLocation(StateStore store, PathString path) => store.Read(state =>
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var length = segments.Length; length >= 4; length--)
            if (state.Find("/" + string.Join('/', segments[..length])) is { Location: { } location }) return location;
        return "global";
    });

    static bool IsDataPlaneHost(string host) =>
        host.EndsWith(".vault.azure.net", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".azurecr.io", StringComparison.OrdinalIgnoreCase);

    static bool IsArmPath(PathString path) =>
        path.StartsWithSegments("/subscriptions", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/tenants", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/providers", StringComparison.OrdinalIgnoreCase);

    static void AddArmHeaders(HttpContext ctx)
    {
        var requestId = Guid.NewGuid().ToString();
        ctx.Response.Headers["x-ms-request-id"] = requestId;
        ctx.Response.Headers["x-ms-correlation-request-id"] =
            ctx.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? requestId;
    }

    static async Task WriteError(HttpContext ctx, int status, System.Text.Json.Nodes.JsonObject body)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        if (status == 401)
            ctx.Response.Headers.WWWAuthenticate =
                "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header or an invalid token.\"";
        await ctx.Response.WriteAsync(body.ToJsonString(ArmHttp.Wire));
    }

    public async ValueTask DisposeAsync()
    {
        if (proxy is not null) await proxy.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }

    sealed class StrongBox<T>
    {
        public T? Value { get; set; }
    }
}
