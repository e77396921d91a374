using QuestionBank.Exercises.Catalog;
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
    public void ReflectionAndInteropAreRefusedAtCompileTime(string expression) => AssertRefused($"var x = {expression};");

    [Theory]
    [InlineData("dynamic d = ctx; d.Foo();")]
    [InlineData("((dynamic)ctx).Foo();")]
    [InlineData("var list = new List<dynamic>();")]
    [InlineData("object o = ctx; var d = (dynamic)o;")]
    [InlineData("Func<dynamic, int> f = d => 1;")]
    [InlineData("var e = new System.Dynamic.ExpandoObject();")]
    [InlineData("var t = Type.GetType(\"QuestionBank.Sandbox.Runner.RunnerHost, QuestionBank.Sandbox.Runner\");")]
    [InlineData("Func<string, Type?> find = Type.GetType; var t = find(\"X\");")]
    [InlineData("typeof(ExerciseContext).InvokeMember(\"Submit\", default, null, ctx, null);")]
    [InlineData("var n = ctx.GetType().Assembly.FullName;")]
    [InlineData("var h = typeof(ExerciseContext).TypeHandle;")]
    [InlineData("var o = Activator.CreateInstance(typeof(ExerciseContext));")]
    [InlineData("var a = AppDomain.CurrentDomain.GetAssemblies();")]
    [InlineData("var d = Delegate.CreateDelegate(typeof(Action), ctx, \"Report\");")]
    [InlineData("Func<int> f = () => 1; var r = f.DynamicInvoke();")]
    [InlineData("Func<int> f = () => 1; var m = f.Method.Name;")]
    [InlineData("var e = System.Linq.Expressions.Expression.Call(System.Linq.Expressions.Expression.Constant(ctx), \"ToString\", null);")]
    [InlineData("var f = System.Linq.Expressions.Expression.PropertyOrField(System.Linq.Expressions.Expression.Constant(ctx), \"reporter\");")]
    [InlineData("var p = System.ComponentModel.TypeDescriptor.GetProperties(ctx);")]
    [InlineData("System.Diagnostics.Process.Start(\"x\");")]
    [InlineData("var s = new System.Diagnostics.StackTrace();")]
    [InlineData("var n = new System.Diagnostics.StackFrame().GetMethod()!.Name;")]
    [InlineData("int x = 1; var r = __makeref(x);")]
    [InlineData("var o = System.Runtime.Serialization.FormatterServices.GetUninitializedObject(typeof(ExerciseContext));")]
    [InlineData("var o = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(ExerciseContext));")]
    [InlineData("var h = System.Runtime.InteropServices.NativeLibrary.Load(\"libc.so.6\");")]
    [InlineData("var d = AppContext.GetData(\"APP_CONTEXT_DEPS_FILES\");")]
    [InlineData("AppContext.SetSwitch(\"Switch.Name\", true);")]
    public void StringBasedReachIntoTypesAndDynamicAreRefusedAtCompileTime(string statements) => AssertRefused(statements);

    [Fact]
    public void ARefusalNamesTheApiAtTheOffendingLine()
    {
        var compiled = compiler.Compile("""
            public class Solution
            {
                public void Run(ExerciseContext ctx)
                {
                    dynamic context = ctx;
                    context.Submit(null);
                    var found = Type.GetType("QuestionBank.Sandbox.Runner.RunnerHost, QuestionBank.Sandbox.Runner");
                }
            }
            """);

        Assert.Equal([(5, "QB0001"), (6, "QB0001"), (7, "QB0001")], compiled.Errors.Select(error => (error.Line, error.Code)).Distinct());
        Assert.Contains("dynamic is not available", compiled.Errors[0].Message);
        Assert.Contains("Type.GetType is not available", compiled.Errors[^1].Message);
        Assert.DoesNotContain(compiled.Errors, error => error.Code.StartsWith("CS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Microsoft.CSharp.RuntimeBinder.Binder.InvokeMember(default, \"Submit\", null, null, null);")]
    [InlineData("Microsoft.VisualBasic.Interaction.CallByName(ctx, \"Submit\", Microsoft.VisualBasic.CallType.Method);")]
    public void TheLateBindersOfCSharpAndVisualBasicAreNotReferenced(string statements)
    {
        var compiled = compiler.Compile($"public class Solution {{ public void Run(ExerciseContext ctx) {{ {statements} }} }}");

        Assert.False(compiled.Succeeded);
    }

    [Fact]
    public void OrdinaryCodeCompiles()
    {
        var compiled = compiler.Compile("""
            using System.Diagnostics;
            using System.Text;

            public record Point(double X, double Y);

            public class Solution
            {
                public void Run(ExerciseContext ctx)
                {
                    var clock = Stopwatch.StartNew();
                    var random = new Random(ctx.Seed);
                    var points = Enumerable.Range(0, 100).Select(i => new Point(random.NextDouble(), Math.Sqrt(i))).ToList();
                    var best = points.OrderByDescending(p => p.Y).GroupBy(p => p.X > 0.5).ToDictionary(g => g.Key, g => g.Count());
                    var sum = Task.Run(() => points.Sum(p => p.X)).Result;
                    var awaited = Task.Run(() => 1).GetAwaiter().GetResult();
                    WorkAsync().ConfigureAwait(false).GetAwaiter().GetResult();
                    Parallel.For(0, 4, i => Interlocked.Add(ref awaited, i));
                    var thread = new Thread(() => Console.WriteLine("thread"));
                    thread.Start();
                    thread.Join();
                    var text = new StringBuilder().Append($"{sum:F2} {best.Count}").AppendLine(string.Format("{0:0.00}", Math.PI)).ToString();
                    var (a, b) = (Math.Max(1, 2), Math.Round(2.5, MidpointRounding.AwayFromZero));
                    try
                    {
                        throw new InvalidOperationException(text);
                    }
                    catch (Exception e) when (e.GetType() == typeof(InvalidOperationException) || e.GetType().FullName == "x")
                    {
                        Console.WriteLine($"{e.GetType().Name} {typeof(int).Name} {e.Message} {a + b} {clock.Elapsed.TotalSeconds}");
                    }
                    var array = new[] { 3, 1, 2 };
                    Array.Sort(array);
                    Span<int> span = stackalloc int[3];
                    array.CopyTo(span);
                    Console.WriteLine(string.Join(",", array) + span[0] + ctx.CancellationToken.IsCancellationRequested);
                }

                private static async Task WorkAsync()
                {
                    await Task.Yield();
                    await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
                }
            }
            """);

        Assert.True(compiled.Succeeded, string.Join("; ", compiled.Errors));
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

    /// <summary>Asserts that a solution whose Run holds <paramref name="statements"/> is refused by the API check (QB0001).</summary>
    private void AssertRefused(string statements)
    {
        var compiled = compiler.Compile($"public class Solution {{ public void Run(ExerciseContext ctx) {{ {statements} }} }}");

        Assert.False(compiled.Succeeded);
        Assert.Contains(compiled.Errors, error => error.Code == "QB0001");
    }
}
