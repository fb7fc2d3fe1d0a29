using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Azure;
using Azure.Identity;

namespace AcrGeo.Connection;

/// <summary>The services the engine calls, each with its own error id for a failure that outlasted the retries.</summary>
enum Service
{
    ResourceManager,
    Graph,
    KeyVault,
    Registry,
}

/// <summary>
/// The one translation of what Azure.Core pipelines, SDK clients and credentials throw once their retries are spent
/// (RequestFailedException, AggregateException "Retry failed after N tries", AuthenticationFailedException, a dropped or
/// refused connection) into the engine's errors, for every client alike. A caller's own cancellation is never translated.
/// </summary>
static class ServiceFailure
{
    /// <summary>
    /// The engine's error for an exception a service call threw, or null when it is not a transport or sign-in failure
    /// (the caller's cancellation, or a refusal the caller handles itself).
    /// </summary>
    public static AcrGeoException? From(Exception e, Service service, Uri endpoint, int retries, object? target)
    {
        if (e is AcrGeoException or OperationCanceledException && !IsTimeout(e)) return null;
        if (e is AuthenticationFailedException or CredentialUnavailableException)
            return Chain(e).Any(IsTransport)
                ? new AcrGeoException(ErrorIds.SignInUnavailable, AcrErrorCategory.ConnectionError,
                    $"Signing in failed because the sign-in service could not be reached or kept failing after {retries} retries " +
                    $"({Innermost(e)}). Nothing that needs the sign-in was sent; run the command again when the service answers.", target, e)
                : new AcrGeoException(ErrorIds.AuthenticationFailed, AcrErrorCategory.AuthenticationError,
                    $"Signing in to Azure failed: {FirstLine(e.Message)} Check the credential given to Connect-AcrGeo.", target, e);
        if (e is RequestFailedException { Status: > 0 } refused && !IsServiceFault(refused.Status)) return null;
        if (!Chain(e).Any(IsTransport) && e is not RequestFailedException) return null;
        var status = Chain(e).OfType<RequestFailedException>().Select(r => r.Status).FirstOrDefault(s => s > 0);
        return Unavailable(service, endpoint, retries, status > 0 ? $"it kept answering HTTP {status}" : $"the connection failed: {Innermost(e)}",
            target, e);
    }

    /// <summary>A response that is still throttled (429) or a server error (5xx) after the retries.</summary>
    public static bool IsServiceFault(int status) => status is 429 or 408 || status >= 500;

    /// <summary>The engine's error for a service that kept failing: which one, how often it was tried, and what it said.</summary>
    public static AcrGeoException Unavailable(Service service, Uri endpoint, int retries, string why, object? target, Exception? inner = null,
        string? code = null, int? status = null) =>
        new(service switch
            {
                Service.Graph => ErrorIds.GraphUnavailable,
                Service.KeyVault => ErrorIds.KeyVaultUnavailable,
                Service.Registry => ErrorIds.RegistryUnavailable,
                _ => ErrorIds.ArmUnavailable,
            },
            status == 429 ? AcrErrorCategory.LimitsExceeded : AcrErrorCategory.ResourceUnavailable,
            $"{Name(service)} at {endpoint.Host} did not answer the request after {retries} retries: {why}.", target, inner, code, status);

    static string Name(Service service) => service switch
    {
        Service.Graph => "Microsoft Graph",
        Service.KeyVault => "Key Vault",
        Service.Registry => "The registry",
        _ => "Azure Resource Manager",
    };

    static bool IsTransport(Exception e) =>
        e is HttpRequestException or IOException or System.Net.Sockets.SocketException
        || e is RequestFailedException { Status: 0 }
        || e is RequestFailedException r && IsServiceFault(r.Status)
        || e is AggregateException
        || IsTimeout(e)
        // MSAL reports the token endpoint's answers with its own exception types (MsalServiceException, and
        // MsalThrottledServiceException when it holds back a request the endpoint throttled): their StatusCode says which.
        || e.GetType().Name.StartsWith("Msal", StringComparison.Ordinal) && StatusOf(e) is { } status && IsServiceFault(status);

    static int? StatusOf(Exception e) => e.GetType().GetProperty("StatusCode")?.GetValue(e) as int?;

    /// <summary>An HttpClient timeout surfaces as a TaskCanceledException the caller never asked for.</summary>
    static bool IsTimeout(Exception e) => e is TaskCanceledException { InnerException: TimeoutException };

    static IEnumerable<Exception> Chain(Exception e)
    {
        var pending = new Stack<Exception>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            yield return next;
            if (next is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (next.InnerException is { } single) pending.Push(single);
        }
    }

    static string Innermost(Exception e) => FirstLine(Chain(e).Last().Message);

    static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
