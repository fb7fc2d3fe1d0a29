using System.Reflection;

namespace AcrGeo.Module.Tests;

/// <summary>The rules every cmdlet follows: approved verbs, ShouldProcess on changes, declared output, one async base.</summary>
[Collection(ModuleMetadataCollection.Name)]
public sealed class CmdletDesignTests(ModuleMetadata module)
{
    /// <summary>Verbs whose cmdlets change something outside the session, so -WhatIf and -Confirm must work.</summary>
    static readonly HashSet<string> StateChangingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "New", "Set", "Remove", "Add", "Update", "Reset", "Import", "Start", "Stop", "Restart", "Register", "Unregister",
        "Install", "Uninstall", "Clear", "Rename", "Move", "Copy", "Enable", "Disable", "Invoke", "Publish", "Unpublish",
        "Save", "Write", "Send", "Push", "Pop", "Suspend", "Resume", "Submit", "Grant", "Revoke", "Deny", "Protect",
        "Unprotect", "Block", "Unblock", "Lock", "Unlock", "Mount", "Dismount", "Initialize", "Restore", "Backup", "Sync",
        "Deploy", "Edit", "Join", "Split", "Merge", "Limit", "Optimize", "Expand", "Compress", "Build", "Undo", "Redo",
    };

    static readonly string[] SdkNamespaces = ["Azure", "System.Text.Json", "System.ClientModel", "Microsoft.Identity"];

    [Fact]
    public void The_module_defines_cmdlets() => Assert.NotEmpty(module.Cmdlets);

    [Fact]
    public void Every_verb_is_an_approved_PowerShell_verb()
    {
        var approved = new[] { "VerbsCommon", "VerbsData", "VerbsLifecycle", "VerbsDiagnostic", "VerbsCommunications", "VerbsSecurity", "VerbsOther" }
            .SelectMany(name => module.PowerShellAssembly.GetType("System.Management.Automation." + name, throwOnError: true)!
                .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Get", approved);
        Assert.All(module.Cmdlets, cmdlet => Assert.True(approved.Contains(cmdlet.Verb), $"{cmdlet.Name}: '{cmdlet.Verb}' is not an approved verb"));
    }

    [Fact]
    public void Every_state_changing_cmdlet_supports_WhatIf_and_Confirm()
    {
        var changing = module.Cmdlets.Where(c => StateChangingVerbs.Contains(c.Verb)).ToList();
        Assert.NotEmpty(changing);
        Assert.All(changing, cmdlet => Assert.True(cmdlet.SupportsShouldProcess, $"{cmdlet.Name} changes state without SupportsShouldProcess"));
    }

    [Fact]
    public void Every_removal_asks_for_confirmation_by_default()
    {
        var removals = module.Cmdlets.Where(c => c.Verb == "Remove").ToList();
        Assert.NotEmpty(removals);
        Assert.All(removals, cmdlet => Assert.Equal("High", cmdlet.ConfirmImpact));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type() =>
        Assert.All(module.Cmdlets, cmdlet => Assert.True(cmdlet.OutputTypes.Count > 0, $"{cmdlet.Name} has no [OutputType]"));

    [Fact]
    public void Every_cmdlet_is_sealed_and_runs_on_the_async_bridge() =>
        Assert.All(module.Cmdlets, cmdlet =>
        {
            Assert.True(cmdlet.Type.IsSealed, $"{cmdlet.Type.FullName} is not sealed");
            Assert.True(BaseTypes(cmdlet.Type).Any(t => t.FullName == "AcrGeo.AsyncCmdlet" && t.Assembly == module.CmdletAssembly),
                $"{cmdlet.Type.FullName} does not derive from AcrGeo.AsyncCmdlet");
        });

    [Fact]
    public void No_Azure_SDK_or_JSON_type_appears_on_the_cmdlet_surface()
    {
        var surface = module.Cmdlets
            .SelectMany(cmdlet => cmdlet.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (owner: cmdlet.Name, property: p)))
            .Concat(module.Cmdlets.SelectMany(c => c.OutputTypes).Distinct().Where(t => t.FullName != "System.Void")
                .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (owner: type.FullName!, property: p))));
        var leaks = surface
            .SelectMany(member => Constituents(member.property.PropertyType).Where(IsSdkType)
                .Select(type => $"{member.owner}.{member.property.Name}: {type.FullName} ({type.Assembly.GetName().Name})"))
            .ToList();
        Assert.Empty(leaks);
    }

    /// <summary>
    /// Patterns and ranges live once, in the engine's input rules, each with its own AcrGeo.Invalid* id and a message that
    /// says what is allowed: a ValidatePattern shows users a regex (and lets a trailing newline through with '$').
    /// Closed sets (ValidateSet, enums) stay, as PowerShell's own binding error names the allowed values.
    /// </summary>
    [Fact]
    public void No_parameter_carries_a_pattern_or_range_of_its_own()
    {
        var own = module.Cmdlets
            .SelectMany(cmdlet => cmdlet.Parameters.SelectMany(p => p.Property.GetCustomAttributesData()
                .Where(a => a.AttributeType.Name is "ValidatePatternAttribute" or "ValidateRangeAttribute" or "ValidateLengthAttribute" or "ValidateScriptAttribute")
                .Select(a => $"{cmdlet.Name} -{p.Name}: [{a.AttributeType.Name}]")))
            .ToList();
        Assert.Empty(own);
    }

    static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType) yield return current;
    }

    /// <summary>The type and everything it is built from: element types and generic arguments, all the way down.</summary>
    static IEnumerable<Type> Constituents(Type type)
    {
        yield return type;
        var parts = type.HasElementType ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        foreach (var inner in parts.SelectMany(Constituents)) yield return inner;
    }

    static bool IsSdkType(Type type) =>
        SdkNamespaces.Any(root => IsUnder(type.Namespace, root) || IsUnder(type.Assembly.GetName().Name, root));

    static bool IsUnder(string? name, string root) =>
        name is not null && (name == root || name.StartsWith(root + ".", StringComparison.Ordinal));
}
