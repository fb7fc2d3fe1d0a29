using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AcrGeo.Emulator.Tests;

public sealed class ImportImageTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    static readonly object AdminOn = new { adminUserEnabled = true };

    async Task<DataPlaneResponse> ManifestAsync(string rg, string registry, string repository, string reference)
    {
        var bearer = await fx.AdminBearerAsync(rg, registry, $"repository:{repository}:pull");
        return await fx.HostAsync(ContentArrange.LoginServer(registry), $"/v2/{repository}/manifests/{reference}", bearer);
    }

    async Task<ArmResponse> EndAsync(string poll)
    {
        fx.Clock.Advance(EmulatorFixture.ProvisioningDelay);
        return await fx.Arm.GetAsync(poll);
    }

    [Fact]
    public async Task Import_is_202_with_a_subscription_scoped_Location_that_reports_202_until_done_then_200()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);

        var started = await fx.Arm.PostAsync(fx.ImportPath(rg, registry), ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "aci-helloworld:v1"));

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal("", started.Text);
        var location = new Uri(started.Header("Location")!);
        Assert.Matches($"^/subscriptions/{fx.Subscription}/providers/Microsoft.ContainerRegistry/locations/westus/operationResults/registries-[0-9a-f-]{{36}}$",
            location.AbsolutePath);
        Assert.Equal($"?api-version={ArmPaths.AcrVersion}", location.Query);
        var poll = ArmPaths.Local(location.ToString());
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.GetAsync(poll)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ManifestAsync(rg, registry, "aci-helloworld", "v1")).Status);

        var done = await EndAsync(poll);

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal(HttpStatusCode.OK, (await ManifestAsync(rg, registry, "aci-helloworld", "v1")).Status);
    }

    [Fact]
    public async Task Imported_manifest_is_docker_schema_2_and_its_digest_is_the_sha256_of_its_bytes()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "hello:v1"));

        var manifest = await ManifestAsync(rg, registry, "hello", "v1");

        Assert.Equal(HttpStatusCode.OK, manifest.Status);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", manifest.Header("Content-Type"));
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.Text)));
        Assert.Equal(digest, manifest.Header("Docker-Content-Digest"));
        Assert.Equal(2, (int)manifest.Body!["schemaVersion"]!);
        Assert.Equal("application/vnd.docker.container.image.v1+json", (string?)manifest.Body["config"]!["mediaType"]);
        Assert.Single(manifest.Body["layers"]!.AsArray());

        var byDigest = await ManifestAsync(rg, registry, "hello", digest);
        Assert.Equal(manifest.Text, byDigest.Text);
    }

    [Fact]
    public async Task The_same_public_image_has_the_same_digest_in_every_registry()
    {
        var (rgA, registryA) = await fx.RegistryAsync(properties: AdminOn);
        var (rgB, registryB) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rgA, registryA, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "a:1"));
        await fx.ImportAsync(rgB, registryB, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "b:2"));

        Assert.Equal((await ManifestAsync(rgA, registryA, "a", "1")).Header("Docker-Content-Digest"),
            (await ManifestAsync(rgB, registryB, "b", "2")).Header("Docker-Content-Digest"));
    }

    [Theory]
    [InlineData("docker.io", "library/nginx:latest")]
    [InlineData("registry.hub.docker.com", "library/alpine:3.20")]
    [InlineData("docker.io", "library/hello-world")]
    [InlineData("mcr.microsoft.com", "hello-world:latest")]
    public async Task Catalogue_images_import_from_their_registries(string registryUri, string image)
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);

        await fx.ImportAsync(rg, registry, new { source = new { registryUri, sourceImage = image }, targetTags = new[] { "copy:v1" } });

        Assert.Equal(HttpStatusCode.OK, (await ManifestAsync(rg, registry, "copy", "v1")).Status);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Standard")]
    [InlineData("Premium")]
    public async Task Every_sku_imports(string sku)
    {
        var (rg, registry) = await fx.RegistryAsync(sku: sku, properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "aci-helloworld:v1"));
        Assert.Equal(HttpStatusCode.OK, (await ManifestAsync(rg, registry, "aci-helloworld", "v1")).Status);
    }

    [Fact]
    public async Task Unknown_source_image_ends_the_operation_Failed_with_InvalidParameters_and_nothing_lands()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        var poll = await fx.StartImportAsync(rg, registry, ContentArrange.FromMcr("azuredocs/no-such-image:latest", "x:1"));

        var result = await EndAsync(poll);

        // A failed import's poll is an error status with ARM's envelope: what makes `az acr import` fail.
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("InvalidParameters", result.ErrorCode);
        Assert.StartsWith("Image not found.", result.ErrorMessage);
        Assert.Contains("azuredocs/no-such-image:latest", result.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await ManifestAsync(rg, registry, "x", "1")).Status);
    }

    [Fact]
    public async Task Registry_the_emulator_cannot_reach_ends_the_operation_Failed()
    {
        var (rg, registry) = await fx.RegistryAsync();
        var poll = await fx.StartImportAsync(rg, registry,
            new { source = new { registryUri = "quay.io", sourceImage = "coreos/etcd:latest" }, targetTags = new[] { "etcd:1" } });

        var result = await EndAsync(poll);

        Assert.Equal("InvalidParameters", result.ErrorCode);
        Assert.Contains("quay.io", result.ErrorMessage);
    }

    [Fact]
    public async Task Existing_tag_under_NoForce_ends_the_operation_Failed_and_Force_overwrites_it()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr("hello-world:latest", "app:v1"));
        var before = (await ManifestAsync(rg, registry, "app", "v1")).Header("Docker-Content-Digest");

        var refused = await EndAsync(await fx.StartImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "app:v1")));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("Conflict", refused.ErrorCode);
        Assert.StartsWith("Tag app:v1 already exists in target registry.", refused.ErrorMessage);
        Assert.Equal(before, (await ManifestAsync(rg, registry, "app", "v1")).Header("Docker-Content-Digest"));

        await fx.ImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "app:v1", mode: "Force"));
        var after = (await ManifestAsync(rg, registry, "app", "v1")).Header("Docker-Content-Digest");
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Untagged_target_repositories_hold_the_manifest_by_digest_only()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, new
        {
            source = new { registryUri = "mcr.microsoft.com", sourceImage = "hello-world:latest" },
            targetTags = new[] { "tagged:v1" },
            untaggedTargetRepositories = new[] { "bare" },
        });
        var digest = (await ManifestAsync(rg, registry, "tagged", "v1")).Header("Docker-Content-Digest")!;

        var bearer = await fx.AdminBearerAsync(rg, registry, "repository:bare:pull");
        var tags = await fx.HostAsync(ContentArrange.LoginServer(registry), "/v2/bare/tags/list", bearer);
        Assert.Equal(HttpStatusCode.OK, tags.Status);
        Assert.Empty(tags.Body!["tags"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await ManifestAsync(rg, registry, "bare", digest)).Status);
    }

    [Fact]
    public async Task Without_targets_the_image_keeps_its_source_repository_and_tag()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rg, registry, new { source = new { registryUri = "mcr.microsoft.com", sourceImage = ContentArrange.AciHelloWorld } });
        Assert.Equal(HttpStatusCode.OK, (await ManifestAsync(rg, registry, "azuredocs/aci-helloworld", "latest")).Status);
    }

    [Fact]
    public async Task From_another_registry_by_resource_id_copies_its_manifest()
    {
        var (rgSource, source) = await fx.RegistryAsync(properties: AdminOn);
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rgSource, source, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "web:1.0"));

        await fx.ImportAsync(rg, registry, new
        {
            source = new { resourceId = ArmPaths.RegistryId(fx.Subscription, rgSource, source), sourceImage = "web:1.0" },
            targetTags = new[] { "web:prod" },
        });

        Assert.Equal((await ManifestAsync(rgSource, source, "web", "1.0")).Header("Docker-Content-Digest"),
            (await ManifestAsync(rg, registry, "web", "prod")).Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task From_a_registry_the_caller_cannot_pull_from_is_403_LinkedAuthorizationFailed()
    {
        var (rgSource, source) = await fx.RegistryAsync();
        var (rg, registry) = await fx.RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.Contributor, principal.ObjectId);
        var token = await fx.TokenAsync(principal);
        var body = new { source = new { resourceId = ArmPaths.RegistryId(fx.Subscription, rgSource, source), sourceImage = "web:1.0" } };

        var refused = await fx.Arm.SendAsync(HttpMethod.Post, fx.ImportPath(rg, registry), body, token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("LinkedAuthorizationFailed", refused.ErrorCode);
        Assert.Contains("'Microsoft.ContainerRegistry/registries/importImage/action'", refused.ErrorMessage);
        Assert.Contains($"linked scope(s) '{ArmPaths.RegistryId(fx.Subscription, rgSource, source)}'", refused.ErrorMessage);

        // AcrPull on the source is enough.
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rgSource, source), PrincipalArrange.AcrPull, principal.ObjectId);
        Assert.Equal(HttpStatusCode.Accepted, (await fx.Arm.SendAsync(HttpMethod.Post, fx.ImportPath(rg, registry), body, token)).Status);
    }

    [Fact]
    public async Task AcrPush_alone_may_not_import()
    {
        var (rg, registry) = await fx.RegistryAsync();
        var principal = await fx.ServicePrincipalAsync();
        await fx.AssignAsync(ArmPaths.RegistryId(fx.Subscription, rg, registry), PrincipalArrange.AcrPush, principal.ObjectId);

        var refused = await fx.Arm.SendAsync(HttpMethod.Post, fx.ImportPath(rg, registry),
            ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "a:1"), await fx.TokenAsync(principal));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("AuthorizationFailed", refused.ErrorCode);
    }

    [Fact]
    public async Task From_a_login_server_the_credentials_decide()
    {
        var (rgSource, source) = await fx.RegistryAsync(properties: AdminOn);
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        await fx.ImportAsync(rgSource, source, ContentArrange.FromMcr("hello-world:latest", "hello:1"));
        var (user, password) = await fx.AdminAsync(rgSource, source);
        object Body(string secret) => new
        {
            source = new { registryUri = ContentArrange.LoginServer(source), sourceImage = "hello:1", credentials = new { username = user, password = secret } },
            targetTags = new[] { $"hello:{secret.Length}" },
        };

        var denied = await EndAsync(await fx.StartImportAsync(rg, registry, Body("wrong")));
        Assert.Equal("InvalidParameters", denied.ErrorCode);
        Assert.StartsWith($"Access to {ContentArrange.LoginServer(source)} denied.", denied.ErrorMessage);

        await fx.ImportAsync(rg, registry, Body(password));
        Assert.Equal(HttpStatusCode.OK, (await ManifestAsync(rg, registry, "hello", password.Length.ToString())).Status);
    }

    [Fact]
    public async Task FailOperation_rule_ends_the_import_Failed_and_nothing_lands()
    {
        var (rg, registry) = await fx.RegistryAsync(properties: AdminOn);
        var rule = await fx.Arm.PostAsync("/_emulator/faults", new
        {
            method = "POST", path = "*/importImage", action = "FailOperation", count = 1,
            errorCode = "InternalServerError", errorMessage = "The import service is unavailable.",
        });
        Assert.Equal(HttpStatusCode.Created, rule.Status);

        var result = await EndAsync(await fx.StartImportAsync(rg, registry, ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "a:1")));

        Assert.Equal(HttpStatusCode.InternalServerError, result.Status);
        Assert.Equal("The import service is unavailable.", result.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await ManifestAsync(rg, registry, "a", "1")).Status);
    }

    [Theory]
    [InlineData("""{"targetTags":["a:1"]}""", "source")]
    [InlineData("""{"source":{"registryUri":"mcr.microsoft.com"}}""", "source.sourceImage")]
    [InlineData("""{"source":{"sourceImage":"hello-world"}}""", "source")]
    [InlineData("""{"source":{"registryUri":"mcr.microsoft.com","sourceImage":"hello-world"},"mode":"Sometimes"}""", "mode")]
    [InlineData("""{"source":{"registryUri":"mcr.microsoft.com","sourceImage":"hello-world"},"targetTags":["Bad:1"]}""", "targetTags")]
    [InlineData("""{"source":{"registryUri":"r.azurecr.io","sourceImage":"a","credentials":{"username":"u"}}}""", "source.credentials.password")]
    public async Task Malformed_request_is_400_InvalidParameters_at_once(string body, string target)
    {
        var (rg, registry) = await fx.RegistryAsync();

        var refused = await fx.Arm.PostAsync(fx.ImportPath(rg, registry), body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("InvalidParameters", refused.ErrorCode);
        Assert.Equal(target, (string?)refused.Body!["error"]!["target"]);
    }

    [Fact]
    public async Task Import_into_a_missing_registry_is_404()
    {
        var rg = await fx.GroupAsync();
        var missing = await fx.Arm.PostAsync(fx.ImportPath(rg, "noregistry1"), ContentArrange.FromMcr(ContentArrange.AciHelloWorld, "a:1"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("ResourceNotFound", missing.ErrorCode);
    }
}
