using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AcrGeo.Connection;
using Azure.Core;

namespace AcrGeo.Graph;

/// <summary>An application registration as Graph returns it, without any secret.</summary>
sealed class GraphApplication
{
    public string ObjectId { get; init; } = "";
    public string AppId { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
    public IReadOnlyList<GraphPassword> Passwords { get; init; } = Array.Empty<GraphPassword>();

    public static GraphApplication FromJson(JsonObject json) => new()
    {
        ObjectId = (string?)json["id"] ?? "",
        AppId = (string?)json["appId"] ?? "",
        DisplayName = (string?)json["displayName"] ?? "",
        Tags = (json["tags"] as JsonArray ?? new JsonArray()).Select(t => t?.ToString() ?? "").ToList(),
        Passwords = (json["passwordCredentials"] as JsonArray ?? new JsonArray()).OfType<JsonObject>()
            .Select(p => new GraphPassword((string?)p["keyId"] ?? "", (string?)p["displayName"],
                DateTimeOffset.TryParse((string?)p["endDateTime"], out var end) ? end : DateTimeOffset.MaxValue))
            .ToList(),
    };
}

sealed record GraphPassword(string KeyId, string? DisplayName, DateTimeOffset EndDateTime);

sealed record GraphServicePrincipal(string ObjectId, string AppId, string DisplayName);

/// <summary>A new password: its secret exists only here, as a SecureString, until it is stored in a vault.</summary>
sealed class NewPassword
{
    public NewPassword(string keyId, SecureString secret, DateTimeOffset endDateTime)
    {
        KeyId = keyId;
        Secret = secret;
        EndDateTime = endDateTime;
    }

    public string KeyId { get; }
    public SecureString Secret { get; }
    public DateTimeOffset EndDateTime { get; }
}

/// <summary>
/// The few Microsoft Graph calls a pull principal needs, as REST on an Azure.Core pipeline (the credential and
/// retries of the connection) rather than the 38 MB Graph SDK.
/// </summary>
sealed class GraphClient
{
    readonly AcrGeoConnection connection;

    public GraphClient(AcrGeoConnection connection) => this.connection = connection;

    async Task<JsonObject?> SendAsync(RequestMethod method, string path, JsonNode? body, OperationContext context, object? target,
        bool notFoundIsNull = false)
    {
        using var message = connection.Graph.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(connection.Cloud.Graph, path));
        message.Request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }
        try
        {
            await connection.Graph.SendAsync(message, context.Cancellation).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e)
        {
            throw new AcrGeoException("AcrGeo.Graph.ConnectionFailed", AcrErrorCategory.ConnectionError,
                $"Microsoft Graph at {connection.Cloud.Graph} could not be reached after retries: {e.Message}", target, e);
        }
        catch (Azure.Identity.AuthenticationFailedException e)
        {
            throw new AcrGeoException(ErrorIds.AuthenticationFailed, AcrErrorCategory.AuthenticationError,
                $"Signing in to Microsoft Graph failed: {e.Message}", target, e);
        }
        var response = message.Response;
        // The path only: Graph paths carry object ids, never secrets; bodies are never logged.
        context.Log($"{method} graph{path.Split('?')[0]} -> {response.Status}");
        JsonObject? json = null;
        if (response.Content is { } content && content.ToMemory().Length > 0)
        {
            try
            {
                json = JsonNode.Parse(content.ToMemory().ToArray()) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }
        }
        if (response.Status is >= 200 and < 300) return json;
        if (notFoundIsNull && response.Status == 404) return null;
        var code = (string?)json?["error"]?["code"] ?? response.Status.ToString();
        throw new AcrGeoException("AcrGeo.Graph." + code,
            response.Status switch
            {
                401 => AcrErrorCategory.AuthenticationError,
                403 => AcrErrorCategory.PermissionDenied,
                404 => AcrErrorCategory.ObjectNotFound,
                409 => AcrErrorCategory.ResourceExists,
                _ => AcrErrorCategory.InvalidOperation,
            },
            $"Microsoft Graph refused {method} {path.Split('?')[0]}: {(string?)json?["error"]?["message"] ?? "HTTP " + response.Status} ({code}).",
            target, armCode: code, httpStatus: response.Status);
    }

    static string Quote(string value) => value.Replace("'", "''");

    public async Task<IReadOnlyList<GraphApplication>> FindApplicationsAsync(string displayName, OperationContext context)
    {
        var json = await SendAsync(RequestMethod.Get,
            $"/v1.0/applications?$filter={Uri.EscapeDataString($"displayName eq '{Quote(displayName)}'")}", null, context, displayName)
            .ConfigureAwait(false);
        return (json?["value"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(GraphApplication.FromJson).ToList();
    }

    public async Task<GraphApplication?> GetApplicationByAppIdAsync(string appId, OperationContext context)
    {
        var json = await SendAsync(RequestMethod.Get, $"/v1.0/applications(appId='{Quote(appId)}')", null, context, appId, notFoundIsNull: true)
            .ConfigureAwait(false);
        return json is null ? null : GraphApplication.FromJson(json);
    }

    public async Task<GraphApplication> CreateApplicationAsync(string displayName, IReadOnlyList<string> tags, OperationContext context) =>
        GraphApplication.FromJson((await SendAsync(RequestMethod.Post, "/v1.0/applications",
            new JsonObject
            {
                ["displayName"] = displayName,
                ["signInAudience"] = "AzureADMyOrg",
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
            }, context, displayName).ConfigureAwait(false))!);

    public Task DeleteApplicationAsync(string objectId, OperationContext context) =>
        SendAsync(RequestMethod.Delete, $"/v1.0/applications/{objectId}", null, context, objectId, notFoundIsNull: true);

    /// <summary>Adds a password; Graph returns its text once, and it goes straight into a SecureString.</summary>
    public async Task<NewPassword> AddPasswordAsync(string applicationObjectId, string displayName, DateTimeOffset endDateTime,
        OperationContext context)
    {
        var json = await SendAsync(RequestMethod.Post, $"/v1.0/applications/{applicationObjectId}/addPassword",
            new JsonObject
            {
                ["passwordCredential"] = new JsonObject { ["displayName"] = displayName, ["endDateTime"] = endDateTime.UtcDateTime.ToString("o") },
            }, context, applicationObjectId).ConfigureAwait(false);
        return new NewPassword((string?)json?["keyId"] ?? "", SecureText.From((string?)json?["secretText"]),
            DateTimeOffset.TryParse((string?)json?["endDateTime"], out var end) ? end : endDateTime);
    }

    public Task RemovePasswordAsync(string applicationObjectId, string keyId, OperationContext context) =>
        SendAsync(RequestMethod.Post, $"/v1.0/applications/{applicationObjectId}/removePassword", new JsonObject { ["keyId"] = keyId },
            context, keyId);

    public async Task<GraphServicePrincipal?> FindServicePrincipalAsync(string appId, OperationContext context)
    {
        var json = await SendAsync(RequestMethod.Get,
            $"/v1.0/servicePrincipals?$filter={Uri.EscapeDataString($"appId eq '{Quote(appId)}'")}", null, context, appId).ConfigureAwait(false);
        return (json?["value"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(ToServicePrincipal).FirstOrDefault();
    }

    public async Task<GraphServicePrincipal?> GetServicePrincipalAsync(string objectId, OperationContext context)
    {
        var json = await SendAsync(RequestMethod.Get, $"/v1.0/servicePrincipals/{objectId}", null, context, objectId, notFoundIsNull: true)
            .ConfigureAwait(false);
        return json is null ? null : ToServicePrincipal(json);
    }

    public async Task<GraphServicePrincipal> CreateServicePrincipalAsync(string appId, OperationContext context) =>
        ToServicePrincipal((await SendAsync(RequestMethod.Post, "/v1.0/servicePrincipals", new JsonObject { ["appId"] = appId }, context, appId)
            .ConfigureAwait(false))!);

    static GraphServicePrincipal ToServicePrincipal(JsonObject json) =>
        new((string?)json["id"] ?? "", (string?)json["appId"] ?? "", (string?)json["displayName"] ?? "");
}
