// Knowledge distillation: a student with at most a tenth of the teacher's parameters, trained to
// mimic the teacher. ctx.LoadPretrained() gives the teacher, a trained DigitNet; ctx.Mnist holds 8,000
// training digits. The judge counts the parameters of the student you Submit from its weights and
// runs its own copy of it on 2,000 held-out digits.
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Imaging;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    private const double Temperature = 4;
    private const double SoftWeight = 0.7;

    public void Run(ExerciseContext ctx)
    {
        var train = ctx.Mnist;
        var teacherScores = TeacherScores(ctx);
        // About a eleventh of the teacher's 215,370 parameters.
        var student = new DigitNet(conv1Channels: 8, conv2Channels: 16, hidden: 24, kernel1: 3, kernel2: 3);
        student.to(ctx.Device);
        var optimizer = optim.Adam(student.parameters(), ctx.LearningRate);
        var shuffle = new Generator((ulong)ctx.Seed);
        var losses = new List<double>();
        var step = 0;

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            student.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0, correct = 0, seen = 0;
            for (long start = 0; start < train.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, train.Count - start));
                var labels = train.Labels.index_select(0, batch).to(ctx.Device);
                optimizer.zero_grad();
                var scores = student.forward(train.Images.index_select(0, batch).to(ctx.Device));
                var loss = DistillationLoss(scores, teacherScores.index_select(0, batch).to(ctx.Device), labels);
                loss.backward();
                optimizer.step();

                lossSum += loss.item<float>() * batch.shape[0];
                correct += scores.argmax(1).eq(labels).sum().item<long>();
                seen += batch.shape[0];
                if (++step % 25 == 0)
                {
                    losses.Add(lossSum / seen);
                    ctx.Report(step, ("loss", lossSum / seen), ("train_accuracy", correct / seen));
                }
            }
            Console.WriteLine($"epoch {epoch}: loss {lossSum / seen:F4}, train accuracy {correct / seen:P2}");
        }
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        ctx.Submit(student);
    }

    private static Tensor DistillationLoss(Tensor scores, Tensor teacherScores, Tensor labels)
    {
        // TODO: add the soft-target term: the cross-entropy between the teacher's and the student's
        // class probabilities, both softened by Temperature (softmax of scores / T), times T², and mix
        // it with the label loss (SoftWeight for the soft term, 1 - SoftWeight for the labels).
        return functional.cross_entropy(scores, labels);
    }

    /// <summary>The teacher's class scores for every training digit, computed once.</summary>
    private static Tensor TeacherScores(ExerciseContext ctx)
    {
        using var teacher = ctx.LoadPretrained();
        teacher.to(ctx.Device);
        teacher.eval();
        using var noGrad = no_grad();
        var images = ctx.Mnist.Images;
        var batches = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 500)
        {
            batches.Add(teacher.forward(images.narrow(0, start, Math.Min(500, images.shape[0] - start)).to(ctx.Device)).cpu());
        }
        return cat(batches, 0);
    }
}
