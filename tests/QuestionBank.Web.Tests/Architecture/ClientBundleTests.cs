using System.Diagnostics;
using System.Text.Json.Nodes;

namespace QuestionBank.Web.Tests.Architecture;

/// <summary>
/// The client bundle (wwwroot/js) is checked in so that building and running the app need no Node.js;
/// this keeps it honest: esbuild, run on the sources with the ClientApp's own build script, gives the
/// same files, byte for byte.
/// </summary>
public sealed class ClientBundleTests
{
    private static readonly string Web = Path.Combine(QuestionBankApp.RepoRoot, "src", "QuestionBank.Web");
    private static readonly string ClientApp = Path.Combine(Web, "ClientApp");
    private static readonly string Bundle = Path.Combine(Web, "wwwroot", "js");

    [Fact]
    public async Task TheCheckedInBundleIsWhatItsSourcesBuild()
    {
        var output = Directory.CreateTempSubdirectory("qb-bundle-").FullName;
        try
        {
            var build = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ClientApp, "package.json")))!["scripts"]!["build"]!.GetValue<string>();
            Assert.Contains("--outdir=../wwwroot/js", build, StringComparison.Ordinal);
            var arguments = build["esbuild ".Length..].Replace("--outdir=../wwwroot/js", $"--outdir={output}", StringComparison.Ordinal);
            var esbuild = Path.Combine(ClientApp, "node_modules", ".bin", "esbuild");
            Assert.True(File.Exists(esbuild), $"{esbuild} is missing: run scripts/ensure-prerequisites.sh (npm ci in the ClientApp).");

            using var process = Process.Start(new ProcessStartInfo(esbuild, arguments)
            {
                WorkingDirectory = ClientApp,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await errors);

            Assert.Equal(Files(output).Keys, Files(Bundle).Keys);
            Assert.All(Files(output), built => Assert.True(
                File.ReadAllBytes(built.Value).AsSpan().SequenceEqual(File.ReadAllBytes(Files(Bundle)[built.Key])),
                $"wwwroot/js/{built.Key} differs from what its sources build: run `npm run build` in src/QuestionBank.Web/ClientApp and commit wwwroot/js."));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static SortedDictionary<string, string> Files(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(path => Path.GetRelativePath(folder, path).Replace('\\', '/')),
        StringComparer.Ordinal);
}
