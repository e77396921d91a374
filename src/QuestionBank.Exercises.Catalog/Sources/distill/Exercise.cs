//@ starter
// Knowledge distillation: a student with at most a tenth of the teacher's parameters. ctx.LoadPretrained()
// gives the teacher, a trained DigitNet; ctx.Mnist holds only 1,000 labelled training digits and
// ctx.UnlabelledImages 7,000 more without labels. The judge counts the parameters of the student you
// Submit from its weights and runs its own copy of it on 2,000 held-out digits.
//@ solution
// Reference solution: knowledge distillation (Hinton et al., 2015) with a transfer set. The teacher
// labels every training image with its class probabilities softened by a temperature; the student
// learns from those on all images, and from the true labels where it has them.
//@ end
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
        // The labelled digits, then the unlabelled ones (label -1: unknown).
        var images = cat([ctx.Mnist.Images, ctx.UnlabelledImages]);
        var labels = cat([ctx.Mnist.Labels, full(ctx.UnlabelledImages.shape[0], -1L, ScalarType.Int64)]);
        var teacherScores = TeacherScores(ctx, images);
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
            using var order = randperm(images.shape[0], generator: shuffle);
            double lossSum = 0, seen = 0;
            for (long start = 0; start < images.shape[0]; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, images.shape[0] - start));
                optimizer.zero_grad();
                var scores = student.forward(images.index_select(0, batch).to(ctx.Device));
                var loss = DistillationLoss(scores, teacherScores.index_select(0, batch).to(ctx.Device), labels.index_select(0, batch).to(ctx.Device));
                loss.backward();
                optimizer.step();

                lossSum += loss.item<float>() * batch.shape[0];
                seen += batch.shape[0];
                if (++step % 25 == 0)
                {
                    losses.Add(lossSum / seen);
                    ctx.Report(step, ("loss", lossSum / seen));
                }
            }
            Console.WriteLine($"epoch {epoch}: loss {lossSum / seen:F4}");
        }
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        ctx.Submit(student);
    }

    //@ solution
    /// <summary>
    /// The cross-entropy between the teacher's and the student's softened distributions (scaled by T²
    /// so its gradients keep their size as T changes), mixed with the loss on the known labels.
    /// </summary>
    //@ end
    private static Tensor DistillationLoss(Tensor scores, Tensor teacherScores, Tensor labels)
    {
        //@ starter
        // TODO: the labels teach only on the 1,000 labelled digits. Add the soft-target term for every
        // image: the cross-entropy between the teacher's and the student's class probabilities, both
        // softened by Temperature (softmax of scores / T), times T²; weigh it by SoftWeight and the
        // label loss by 1 - SoftWeight.
        return LabelLoss(scores, labels);
        //@ solution
        var softTargets = functional.softmax(teacherScores / Temperature, 1);
        var soft = -(softTargets * functional.log_softmax(scores / Temperature, 1)).sum(1).mean() * (Temperature * Temperature);
        return soft * SoftWeight + LabelLoss(scores, labels) * (1 - SoftWeight);
        //@ end
    }

    /// <summary>The mean cross-entropy over the digits whose label is known (0 when none is).</summary>
    private static Tensor LabelLoss(Tensor scores, Tensor labels)
    {
        var known = Math.Max(1, labels.ge(0).sum().item<long>());
        return functional.cross_entropy(scores, labels, ignore_index: -1, reduction: Reduction.Sum) / known;
    }

    /// <summary>The teacher's class scores for <paramref name="images"/>, computed once.</summary>
    private static Tensor TeacherScores(ExerciseContext ctx, Tensor images)
    {
        using var teacher = ctx.LoadPretrained();
        teacher.to(ctx.Device);
        teacher.eval();
        using var noGrad = no_grad();
        var batches = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += 500)
        {
            batches.Add(teacher.forward(images.narrow(0, start, Math.Min(500, images.shape[0] - start)).to(ctx.Device)).cpu());
        }
        return cat(batches, 0);
    }
}
