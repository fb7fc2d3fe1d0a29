using System;
using System.Collections.Generic;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AcrGeo.Connection;

/// <summary>
/// A service principal's sign-in with its client secret: Entra ID's client-credentials grant, one form POST to
/// <c>{authority}/{tenant}/oauth2/v2.0/token</c> per scope, cached until five minutes before it expires. This is all
/// Azure.Identity's ClientSecretCredential does for this grant, without the MSAL machinery around it, whose loading and
/// compiling was most of a cold Connect-AcrGeo. The secret stays in a SecureString until the request body is written.
/// </summary>
sealed class ClientSecretTokenCredential : TokenCredential
{
    static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    readonly Uri tokenEndpoint;
    readonly string clientId;
    readonly SecureString secret;
    readonly HttpPipeline pipeline;
    readonly SemaphoreSlim gate = new(1, 1);
    readonly Dictionary<string, AccessToken> tokens = new(StringComparer.Ordinal);

    public ClientSecretTokenCredential(Uri authorityHost, string tenantId, string clientId, SecureString secret, HttpPipelineTransport? transport,
        int maxRetries, TimeSpan retryDelay)
    {
        tokenEndpoint = new Uri($"{authorityHost.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/token");
        this.clientId = clientId;
        this.secret = secret.Copy();
        this.secret.MakeReadOnly();
        var options = new SignInOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = retryDelay;
        options.Retry.Mode = RetryMode.Exponential;
        if (transport is not null) options.Transport = transport;
        pipeline = HttpPipelineBuilder.Build(options);
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var scope = string.Join(" ", requestContext.Scopes);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (tokens.TryGetValue(scope, out var cached) && cached.ExpiresOn - RefreshBefore > DateTimeOffset.UtcNow) return cached;
            var token = await RequestAsync(scope, cancellationToken).ConfigureAwait(false);
            tokens[scope] = token;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<AccessToken> RequestAsync(string scope, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(tokenEndpoint);
        request.Headers.Add("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.Add("Accept", "application/json");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(
            "grant_type=client_credentials" +
            "&client_id=" + Uri.EscapeDataString(clientId) +
            "&client_secret=" + Uri.EscapeDataString(SecureText.Reveal(secret)) +
            "&scope=" + Uri.EscapeDataString(scope)));
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or System.Net.Http.HttpRequestException or System.IO.IOException)
        {
            // As Azure.Identity does: a sign-in that could not reach the token endpoint is a failed sign-in, with why inside.
            throw new AuthenticationFailedException(
                $"The service principal '{clientId}' could not reach the sign-in service at {tokenEndpoint.GetLeftPart(UriPartial.Authority)}.", e);
        }

        var response = message.Response;
        using var answer = ParseOrEmpty(response.Content.ToMemory());
        var root = answer.RootElement;
        if (response.Status == 200 && root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("access_token", out var accessToken) && accessToken.ValueKind == JsonValueKind.String
            && root.TryGetProperty("expires_in", out var expiresIn))
        {
            var seconds = expiresIn.ValueKind == JsonValueKind.Number ? expiresIn.GetInt64() : long.Parse(expiresIn.GetString()!);
            return new AccessToken(accessToken.GetString()!, DateTimeOffset.UtcNow.AddSeconds(seconds));
        }
        // Entra ID's own words (error and error_description say what is wrong: an unknown client, a wrong secret); never the token.
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_description", out var description)
            ? description.GetString()
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var code) ? code.GetString() : null;
        var refusal = $"The service principal '{clientId}' could not sign in at {tokenEndpoint.GetLeftPart(UriPartial.Authority)} " +
                      $"(HTTP {response.Status}): {error ?? "no reason given"}";
        // A throttled or failing sign-in service (still, after the retries) is the service's fault, not the credential's.
        throw ServiceFailure.IsServiceFault(response.Status)
            ? new AuthenticationFailedException(refusal, new RequestFailedException(response.Status, refusal))
            : new AuthenticationFailedException(refusal);
    }

    /// <summary>The answer as JSON; an empty or non-JSON answer (a proxy's error page) reads as an empty object.</summary>
    static JsonDocument ParseOrEmpty(ReadOnlyMemory<byte> content)
    {
        try
        {
            if (!content.IsEmpty) return JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
        }
        return JsonDocument.Parse("{}");
    }

    /// <summary>Retries and transport for the token request, as for every other call of the connection.</summary>
    sealed class SignInOptions : ClientOptions
    {
    }
}
