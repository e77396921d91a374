#@ starter
# Generate MNIST digits with a GAN.
# ctx.mnist holds 8,000 training digits: images [N, 1, 28, 28] in [0, 1] and labels [N].
# Hand the trained generator to ctx.submit: it maps noise [N, 64] to images [N, 1, 28, 28] with
# pixels in [-1, 1]. The judge draws 1,000 digits and classifies them with a reference CNN
# (goal: confident_fraction >= 0.8 at confidence 0.9, classes_covered >= 8).
#@ solution
# Reference solution: a conditional DCGAN (Radford et al., 2015; Mirza and Osindero, 2014).
# The generator draws the digit class from its own noise (the index of the largest of the first
# ten noise values, uniform over the classes), so it still maps plain noise to images, while the
# discriminator judges each image together with its class, which makes every digit clearly one
# class. Training uses the non-saturating generator loss, one-sided label smoothing and Adam
# with beta1 = 0.5.
#@ end
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

# The judge feeds the generator noise of this size.
LATENT_SIZE = 64


class DigitGenerator(nn.Module):
    """noise [N, 64] -> images [N, 1, 28, 28] in [-1, 1]"""

    def __init__(self, latent_size=LATENT_SIZE):
        super().__init__()
        #@ starter
        # TODO: a stronger generator upsamples 7x7 feature maps with ConvTranspose2d layers.
        self.layers = nn.Sequential(nn.Linear(latent_size, 256), nn.ReLU(), nn.Linear(256, 28 * 28), nn.Tanh())
        #@ solution
        self.classes = nn.Embedding(10, 10)
        self.project = nn.Sequential(nn.Linear(latent_size + 10, 64 * 7 * 7), nn.BatchNorm1d(64 * 7 * 7), nn.ReLU())
        self.upsample = nn.Sequential(
            nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
            nn.ConvTranspose2d(32, 1, 4, stride=2, padding=1), nn.Tanh())
        # Sampling (eval mode) uses the truncation trick (Brock et al., 2018): noise drawn closer to
        # the mean of the prior gives cleaner, more typical digits at some cost in variety. The class
        # comes from the noise's largest value, which scaling keeps, so every class is still drawn.
        self.truncation = 0.4
        #@ end

    def forward(self, noise):
        #@ starter
        return self.layers(noise).view(-1, 1, 28, 28)
        #@ solution
        digit_class = noise[:, :10].argmax(1)
        return self.generate(noise if self.training else noise * self.truncation, digit_class)

    def generate(self, noise, digit_class):
        features = self.project(torch.cat([noise, self.classes(digit_class)], 1))
        return self.upsample(features.view(-1, 64, 7, 7))
        #@ end


class DigitDiscriminator(nn.Module):
    #@ starter
    """images [N, 1, 28, 28] -> one logit per image: real or generated"""
    #@ solution
    """(images [N, 1, 28, 28], classes [N]) -> one logit per image: a real digit of that class or not"""
    #@ end

    def __init__(self):
        super().__init__()
        #@ starter
        self.layers = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
        #@ solution
        # The class enters as a second input plane.
        self.class_planes = nn.Embedding(10, 28 * 28)
        self.layers = nn.Sequential(
            nn.Conv2d(2, 32, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, stride=2, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(64 * 7 * 7, 1))
        #@ end

    #@ starter
    def forward(self, images):
        return self.layers(images)
    #@ solution
    def forward(self, images, digit_class):
        return self.layers(torch.cat([images, self.class_planes(digit_class).view(-1, 1, 28, 28)], 1))
    #@ end


def run(ctx):
    real_images = ctx.mnist.images * 2 - 1  # pixels in [-1, 1], like tanh
    train = TensorDataset(real_images, ctx.mnist.labels)
    # Whole batches only: BatchNorm sees batch_size images every step.
    batches = DataLoader(train, batch_size=ctx.batch_size, shuffle=True, drop_last=True,
                         generator=torch.Generator().manual_seed(ctx.seed))
    generator = DigitGenerator().to(ctx.device)
    discriminator = DigitDiscriminator().to(ctx.device)
    generator_optimizer = torch.optim.Adam(generator.parameters(), lr=ctx.learning_rate, betas=(0.5, 0.999))
    discriminator_optimizer = torch.optim.Adam(discriminator.parameters(), lr=ctx.learning_rate, betas=(0.5, 0.999))

    for epoch in range(1, ctx.epochs + 1):
        #@ solution
        generator.train()
        discriminator.train()
        #@ end
        d_loss_sum, g_loss_sum = 0.0, 0.0
        for real, labels in batches:
            ctx.check_cancelled()
            #@ starter
            real = real.to(ctx.device)
            fake = generator(torch.randn(len(real), LATENT_SIZE, device=ctx.device))
            #@ solution
            real, real_classes = real.to(ctx.device), labels.to(ctx.device)
            fake_classes = torch.randint(10, (len(real),), device=ctx.device)
            fake = generator.generate(torch.randn(len(real), LATENT_SIZE, device=ctx.device), fake_classes)
            real_targets = torch.full((len(real), 1), 0.9, device=ctx.device)  # one-sided label smoothing
            fake_targets = torch.zeros(len(real), 1, device=ctx.device)
            #@ end

            #@ starter
            # Discriminator step: real digits are labelled 1, generated ones 0.
            discriminator_optimizer.zero_grad()
            d_loss = (F.binary_cross_entropy_with_logits(discriminator(real), torch.ones(len(real), 1, device=ctx.device))
                      + F.binary_cross_entropy_with_logits(discriminator(fake.detach()), torch.zeros(len(real), 1, device=ctx.device)))
            #@ solution
            # Discriminator: tell real digits of a class from generated ones.
            discriminator_optimizer.zero_grad()
            d_loss = (F.binary_cross_entropy_with_logits(discriminator(real, real_classes), real_targets)
                      + F.binary_cross_entropy_with_logits(discriminator(fake.detach(), fake_classes), fake_targets))
            #@ end
            d_loss.backward()
            discriminator_optimizer.step()

            #@ starter
            # TODO: generator step: make the discriminator label the generated digits 1.
            g_loss = torch.zeros(1)
            #@ solution
            # Generator: make the discriminator take its digits for real ones of their class.
            generator_optimizer.zero_grad()
            g_loss = F.binary_cross_entropy_with_logits(discriminator(fake, fake_classes), torch.ones(len(real), 1, device=ctx.device))
            g_loss.backward()
            generator_optimizer.step()
            #@ end

            d_loss_sum += d_loss.item()
            g_loss_sum += g_loss.item()
        ctx.report(epoch, d_loss=d_loss_sum / len(batches), g_loss=g_loss_sum / len(batches))
    #@ solution

    generator.eval()  # the judge samples in eval mode too: running batch statistics and truncation
    #@ end
    ctx.submit(generator)
