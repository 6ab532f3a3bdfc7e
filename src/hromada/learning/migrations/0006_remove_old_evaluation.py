# The old evaluation form's answers live in survey waves since 0005.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0005_evaluations_to_survey_waves'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Evaluation',
        ),
    ]
