using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AcrGeo.Module.Tests;

/// <summary>
/// The built module's assemblies as metadata only, resolved the way PowerShell would find them (module root,
/// dependencies/, the runtime, System.Management.Automation). Nothing in them is run or instantiated.
/// </summary>
public sealed class ModuleMetadata : IDisposable
{
    public const string AllParameterSets = "__AllParameterSets";
    const string Automation = "System.Management.Automation.";

    readonly MetadataLoadContext context;

    public ModuleMetadata()
    {
        var paths = Directory.GetFiles(ModuleLayout.ModuleDirectory, "*.dll")
            .Concat(Directory.GetFiles(ModuleLayout.DependencyDirectory, "*.dll"))
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .Append(ModuleLayout.PowerShellReferencePath);
        context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        CmdletAssembly = context.LoadFromAssemblyPath(ModuleLayout.CmdletAssemblyPath);
        EngineAssembly = context.LoadFromAssemblyName("AcrGeo.Engine");
        PowerShellAssembly = context.LoadFromAssemblyName("System.Management.Automation");
        Cmdlets = CmdletAssembly.GetTypes()
            .Select(type => (type, attribute: type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == Automation + "CmdletAttribute")))
            .Where(c => c.attribute is not null)
            .Select(c => new CmdletMetadata(this, c.type, c.attribute!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public Assembly CmdletAssembly { get; }
    public Assembly EngineAssembly { get; }
    public Assembly PowerShellAssembly { get; }
    public IReadOnlyList<CmdletMetadata> Cmdlets { get; }

    /// <summary>A type of the module's own (cmdlet assembly or engine) by full name, or null.</summary>
    public Type? FindModuleType(string fullName) => CmdletAssembly.GetType(fullName) ?? EngineAssembly.GetType(fullName);

    public void Dispose() => context.Dispose();

    public static T? Named<T>(CustomAttributeData attribute, string name)
    {
        var argument = attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (CustomAttributeNamedArgument?)a).SingleOrDefault();
        return argument is { } found ? (T?)found.TypedValue.Value : default;
    }

    /// <summary>The values of a params-array constructor argument ([Alias("a", "b")], [OutputType(typeof(A))]).</summary>
    public static IEnumerable<object?> ArrayArgument(CustomAttributeData attribute) =>
        attribute.ConstructorArguments.SelectMany(argument => argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items
            ? items.Select(item => item.Value)
            : [argument.Value]);

    public static bool IsAutomationAttribute(CustomAttributeData attribute, string name) =>
        attribute.AttributeType.FullName == Automation + name;
}

/// <summary>One [Cmdlet] class as PowerShell's command metadata would read it.</summary>
public sealed class CmdletMetadata
{
    readonly ModuleMetadata module;

    public CmdletMetadata(ModuleMetadata module, Type type, CustomAttributeData attribute)
    {
        this.module = module;
        Type = type;
        Attribute = attribute;
        Verb = (string)attribute.ConstructorArguments[0].Value!;
        Noun = (string)attribute.ConstructorArguments[1].Value!;
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(CmdletParameter.From)
            .OfType<CmdletParameter>()
            .ToList();
    }

    public Type Type { get; }
    public CustomAttributeData Attribute { get; }
    public string Verb { get; }
    public string Noun { get; }
    public string Name => $"{Verb}-{Noun}";
    public IReadOnlyList<CmdletParameter> Parameters { get; }

    public bool SupportsShouldProcess => ModuleMetadata.Named<bool>(Attribute, "SupportsShouldProcess");
    public string? DefaultParameterSetName => ModuleMetadata.Named<string>(Attribute, "DefaultParameterSetName");

    /// <summary>The ConfirmImpact member name ("Medium" when not set, as in PowerShell).</summary>
    public string ConfirmImpact
    {
        get
        {
            var argument = Attribute.NamedArguments.Where(a => a.MemberName == "ConfirmImpact").ToList();
            if (argument.Count == 0) return "Medium";
            var value = argument[0].TypedValue;
            return value.ArgumentType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Single(member => Equals(member.GetRawConstantValue(), value.Value)).Name;
        }
    }

    /// <summary>The types named by [OutputType], by type or by name; typeof(void) included.</summary>
    public IReadOnlyList<Type> OutputTypes => Type.GetCustomAttributesData()
        .Where(a => ModuleMetadata.IsAutomationAttribute(a, "OutputTypeAttribute"))
        .SelectMany(ModuleMetadata.ArrayArgument)
        .Select(value => value as Type ?? module.FindModuleType((string)value!)
            ?? throw new InvalidOperationException($"{Name}: [OutputType('{value}')] names no type of the module."))
        .ToList();

    public override string ToString() => Name;
}

/// <summary>One cmdlet property with [Parameter]: every declaration (one per parameter set) and its aliases.</summary>
public sealed record CmdletParameter(PropertyInfo Property, IReadOnlyList<ParameterDeclaration> Declarations, IReadOnlyList<string> Aliases)
{
    public string Name => Property.Name;
    public IEnumerable<string> NameAndAliases => Aliases.Prepend(Name);

    public static CmdletParameter? From(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var declarations = attributes.Where(a => ModuleMetadata.IsAutomationAttribute(a, "ParameterAttribute"))
            .Select(a => new ParameterDeclaration(
                ModuleMetadata.Named<string>(a, "ParameterSetName") ?? ModuleMetadata.AllParameterSets,
                ModuleMetadata.Named<bool>(a, "Mandatory"),
                a.NamedArguments.Any(n => n.MemberName == "Position") ? ModuleMetadata.Named<int>(a, "Position") : null,
                ModuleMetadata.Named<bool>(a, "ValueFromPipeline"),
                ModuleMetadata.Named<bool>(a, "ValueFromPipelineByPropertyName")))
            .ToList();
        if (declarations.Count == 0) return null;
        var aliases = attributes.Where(a => ModuleMetadata.IsAutomationAttribute(a, "AliasAttribute"))
            .SelectMany(ModuleMetadata.ArrayArgument).Cast<string>().ToList();
        return new CmdletParameter(property, declarations, aliases);
    }
}

public sealed record ParameterDeclaration(string SetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);

[CollectionDefinition(Name)]
public sealed class ModuleMetadataCollection : ICollectionFixture<ModuleMetadata>
{
    public const string Name = "Module metadata";
}
