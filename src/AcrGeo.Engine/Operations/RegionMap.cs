using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using AcrGeo.Models;

namespace AcrGeo.Operations;

/// <summary>How a region is drawn on the map: its colour and size, and what the legend calls it.</summary>
public sealed class RegionMark
{
    RegionMark(string name, string fill, double radius)
    {
        Name = name;
        Fill = fill;
        Radius = radius;
    }

    public string Name { get; }
    /// <summary>The fill colour, #rrggbb: what a rendering is checked for at the region's place.</summary>
    public string Fill { get; }
    public double Radius { get; }

    public static readonly RegionMark Home = new("Home", "#0078D4", 9);
    public static readonly RegionMark Ready = new("Replica, Ready", "#107C10", 7);
    public static readonly RegionMark Syncing = new("Replica, Syncing", "#FFB900", 7);
    public static readonly RegionMark Provisioning = new("Replica, Creating or Updating", "#8764B8", 7);
    public static readonly RegionMark Failed = new("Replica, Failed", "#D13438", 7);
    public static readonly RegionMark Deleting = new("Replica, Deleting", "#E3008C", 7);
    public static readonly RegionMark Available = new("Available", "#FFFFFF", 5);
    public static readonly RegionMark Unavailable = new("Unavailable", "#3B3A39", 4);

    public static IReadOnlyList<RegionMark> All { get; } = new[] { Home, Ready, Syncing, Provisioning, Failed, Deleting, Available, Unavailable };

    /// <summary>The mark of a region of the map: by its state, and a replica by its provisioning state and sync status.</summary>
    public static RegionMark For(AcrRegion region) => region.State switch
    {
        RegionState.Home => Home,
        RegionState.Available => Available,
        RegionState.Unavailable => Unavailable,
        _ => region.Replica switch
        {
            { IsFailed: true } => Failed,
            { IsDeleting: true } => Deleting,
            { ProvisioningState: "Creating" or "Updating" } => Provisioning,
            { IsReady: true } => Ready,
            _ => Syncing,
        },
    };
}

/// <summary>
/// The replication map as an SVG picture, like the portal's: Natural Earth's land (1:110m, public domain) on an
/// equirectangular world, and a mark per region placed by the latitude and longitude ARM's locations list gives
/// (x = (longitude + 180) / 360 × width, y = (90 − latitude) / 180 × height). Unavailable, available, replica and home
/// marks are drawn in that order, each above the one before; names and the legend lie under the marks.
/// </summary>
public static class RegionMap
{
    public const int Width = 1600;
    public const int Height = 800;
    const string Ocean = "#EAF3FB";
    const string Land = "#D2D0CE";

    static readonly Lazy<string> LandPath = new(() =>
    {
        using var stream = typeof(RegionMap).Assembly.GetManifestResourceStream("AcrGeo.Data.land-110m.path")
                           ?? throw new InvalidOperationException("The land outline is missing from the engine assembly.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadToEnd().Trim();
    });

    /// <summary>Where a region's mark is centred, in pixels of the picture; null for a region ARM gives no coordinates.</summary>
    public static (double X, double Y)? Place(AcrRegion region) =>
        region.Latitude is { } lat && region.Longitude is { } lon ? ((lon + 180) / 360 * Width, (90 - lat) / 180 * Height) : null;

    /// <summary>A checked output path: an .svg file in a folder that exists. Checked before any request.</summary>
    public static string CheckPath(string path)
    {
        var full = string.IsNullOrWhiteSpace(path) ? "" : Path.GetFullPath(path);
        if (!full.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            throw new AcrGeoException(ErrorIds.InvalidMapPath, AcrErrorCategory.InvalidArgument,
                $"'{path}' is not an .svg file name; the map is written as SVG (for example -Path ./map.svg).", path);
        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            throw new AcrGeoException(ErrorIds.InvalidMapPath, AcrErrorCategory.InvalidArgument,
                $"The folder '{folder}' does not exist; create it first or write the map elsewhere.", path);
        return full;
    }

    public static string Render(string registryName, IReadOnlyList<AcrRegion> regions)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" ")
            .Append("font-family=\"Segoe UI, Helvetica, Arial, sans-serif\">\n")
            .Append($"<title>Geo-replication of {Escape(registryName)}</title>\n")
            .Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"{Ocean}\"/>\n")
            .Append($"<path d=\"{LandPath.Value}\" transform=\"scale({Number(Width / 360.0)} {Number(Height / 180.0)})\" fill=\"{Land}\" ")
            .Append("stroke=\"#BEBBB8\" stroke-width=\"0.15\"/>\n");

        var placed = regions.Select(r => (region: r, mark: RegionMark.For(r), at: Place(r))).Where(p => p.at is not null).ToList();
        // Names of the registry's own regions, under every mark so that none hides a mark's centre.
        svg.Append("<g font-size=\"12\" fill=\"#323130\">\n");
        foreach (var (region, _, at) in placed.Where(p => p.region.State is RegionState.Home or RegionState.Replica))
            svg.Append($"<text x=\"{Number(at!.Value.X + 11)}\" y=\"{Number(at.Value.Y + 4)}\">{Escape(region.DisplayName)}</text>\n");
        svg.Append("</g>\n");
        Legend(svg, registryName, placed.Select(p => p.mark).ToList());

        foreach (var state in new[] { RegionState.Unavailable, RegionState.Available, RegionState.Replica, RegionState.Home })
            foreach (var (region, mark, at) in placed.Where(p => p.region.State == state))
                svg.Append($"<circle id=\"region-{Escape(region.Name)}\" data-state=\"{Escape(mark.Name)}\" cx=\"{Number(at!.Value.X)}\" ")
                    .Append($"cy=\"{Number(at.Value.Y)}\" r=\"{Number(mark.Radius)}\" fill=\"{mark.Fill}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\">")
                    .Append($"<title>{Escape(region.DisplayName)} ({Escape(region.Name)}): {Escape(mark.Name)}</title></circle>\n");
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Bottom left, over the Southern Ocean where no region lies: the registry, then each mark used with its count.</summary>
    static void Legend(StringBuilder svg, string registryName, IReadOnlyList<RegionMark> used)
    {
        var shown = RegionMark.All.Where(used.Contains).ToList();
        var top = Height - 24 - 22 * (shown.Count + 1);
        svg.Append($"<g><rect x=\"16\" y=\"{top}\" width=\"300\" height=\"{22 * (shown.Count + 1) + 12}\" rx=\"4\" fill=\"#FFFFFF\" fill-opacity=\"0.9\" stroke=\"#C8C6C4\"/>\n")
            .Append($"<text x=\"28\" y=\"{top + 22}\" font-size=\"14\" font-weight=\"600\" fill=\"#201F1E\">{Escape(registryName)}</text>\n");
        for (var i = 0; i < shown.Count; i++)
        {
            var y = top + 22 * (i + 2) - 4;
            svg.Append($"<circle cx=\"36\" cy=\"{y - 4}\" r=\"6\" fill=\"{shown[i].Fill}\" stroke=\"#8A8886\" stroke-width=\"1\"/>")
                .Append($"<text x=\"50\" y=\"{y}\" font-size=\"12\" fill=\"#323130\">{Escape(shown[i].Name)}: {used.Count(m => m == shown[i])}</text>\n");
        }
        svg.Append("</g>\n");
    }

    static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
