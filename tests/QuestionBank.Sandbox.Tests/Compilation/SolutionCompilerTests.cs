using QuestionBank.Exercises;
using QuestionBank.Sandbox.Runner.Compilation;

namespace QuestionBank.Sandbox.Tests.Compilation;

public sealed class SolutionCompilerTests
{
    private readonly SolutionCompiler compiler = new();

    [Fact]
    public void EveryStarterAndReferenceSolutionCompiles()
    {
        foreach (var exercise in ExerciseCatalog.All)
        {
            Assert.True(compiler.Compile(exercise.Starter).Succeeded, $"{exercise.Id} starter");
            Assert.True(compiler.Compile(exercise.Solution).Succeeded, $"{exercise.Id} solution");
        }
    }

    [Fact]
    public void ErrorsCarryTheLineAndColumnOfTheUsersSource()
    {
        var compiled = compiler.Compile("public class Solution\n{\n    public void Run(ExerciseContext ctx) => Undefined();\n}\n");

        var error = Assert.Single(compiled.Errors);
        Assert.Equal((3, 45, "CS0103"), (error.Line, error.Column, error.Code));
        Assert.Null(compiled.Assembly);
    }

    [Theory]
    [InlineData("typeof(ExerciseContext).GetProperty(\"Mnist\")")]
    [InlineData("System.Runtime.InteropServices.Marshal.SizeOf<int>()")]
    [InlineData("System.Reflection.Assembly.GetExecutingAssembly()")]
    [InlineData("typeof(ExerciseContext).Assembly")]
    [InlineData("typeof(ExerciseContext).GetMethods()")]
    public void ReflectionAndInteropAreRefusedAtCompileTime(string expression)
    {
        var compiled = compiler.Compile($"public class Solution {{ public void Run(ExerciseContext ctx) {{ var x = {expression}; }} }}");

        Assert.False(compiled.Succeeded);
        Assert.Contains(compiled.Errors, error => error.Code == "QB0001");
    }

    [Fact]
    public void NamingAnExceptionsTypeIsAllowed()
    {
        var compiled = compiler.Compile(
            "public class Solution { public void Run(ExerciseContext ctx) { try { } catch (Exception e) { Console.WriteLine(e.GetType().Name); } } }");

        Assert.True(compiled.Succeeded, string.Join("; ", compiled.Errors));
    }

    [Fact]
    public void SourceWithoutTheSolutionContractIsRejectedWithAnExplanation()
    {
        var compiled = compiler.Compile("public class Answer { }");

        var error = Assert.Single(compiled.Errors);
        Assert.Equal("QB0002", error.Code);
        Assert.Contains("public class Solution", error.Message);
    }

    [Fact]
    public void RunWithTheWrongSignatureIsRejected()
    {
        var compiled = compiler.Compile("public class Solution { public int Run() => 0; }");

        Assert.Equal("QB0003", Assert.Single(compiled.Errors).Code);
    }
}
