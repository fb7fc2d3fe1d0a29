using System.Net;

namespace AcrGeo.Emulator.Arm;

/// <summary>
/// A request the emulated service refuses, carrying ARM's error envelope
/// (<c>{"error":{"code","message","target"}}</c>). Handlers throw it; one middleware writes it.
/// </summary>
public sealed class ArmException : Exception
{
    public ArmException(HttpStatusCode status, string code, string message, string? target = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Target = target;
    }

    public HttpStatusCode Status { get; }
    public string Code { get; }
    public string? Target { get; }

    public static ArmException BadRequest(string code, string message, string? target = null) =>
        new(HttpStatusCode.BadRequest, code, message, target);

    public static ArmException Conflict(string code, string message) =>
        new(HttpStatusCode.Conflict, code, message);

    public static ArmException NotFound(string resourceType, string name, string resourceGroup) =>
        new(HttpStatusCode.NotFound, "ResourceNotFound",
            $"The Resource '{resourceType}/{name}' under resource group '{resourceGroup}' was not found. " +
            "For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    public static ArmException ResourceGroupNotFound(string resourceGroup) =>
        new(HttpStatusCode.NotFound, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.");

    public static ArmException InvalidRequestContent(string detail) =>
        BadRequest("InvalidRequestContent", $"The request content was invalid and could not be deserialized: '{detail}'.");
}
