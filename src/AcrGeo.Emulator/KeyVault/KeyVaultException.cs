using System.Net;
using System.Text.Json.Nodes;

namespace AcrGeo.Emulator.KeyVault;

/// <summary>
/// A request the Key Vault data plane refuses, in Key Vault's envelope:
/// <c>{"error":{"code","message","innererror":{"code"}}}</c>. The data-plane middleware writes it; every 401 carries
/// the bearer challenge, as Key Vault's do.
/// </summary>
sealed class KeyVaultException(HttpStatusCode status, string code, string message, string? innerCode = null) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;
    public string? InnerCode { get; } = innerCode;

    public JsonObject Body()
    {
        var error = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (InnerCode is not null) error["innererror"] = new JsonObject { ["code"] = InnerCode };
        return new JsonObject { ["error"] = error };
    }

    public static KeyVaultException BadParameter(string message) => new(HttpStatusCode.BadRequest, "BadParameter", message);

    public static KeyVaultException Unauthorized(string message) => new(HttpStatusCode.Unauthorized, "Unauthorized", message);

    public static KeyVaultException SecretNotFound(string nameOrId) =>
        new(HttpStatusCode.NotFound, "SecretNotFound",
            $"A secret with (name/id) {nameOrId} was not found in this key vault. If you recently deleted this secret you may be " +
            "able to recover it using the correct recovery command. For help resolving this issue, please see " +
            "https://go.microsoft.com/fwlink/?linkid=2125182");

    public static KeyVaultException DeletedSecretNotFound(string name) =>
        new(HttpStatusCode.NotFound, "SecretNotFound", $"Deleted Secret not found: {name}");
}
