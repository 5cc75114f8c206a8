"""The hardware field: catalogues, rules and normalisers on realistic sentences."""
from __future__ import annotations

import pytest

from extractor.catalogues import get_catalogue
from extractor.components.context import classify
from extractor.matching import match_sentence
from extractor.normalize.hardware import count_after, count_before, device, memory_after, memory_before
from extractor.ruleset import load_rules

RULES = load_rules().for_field("hardware")
KEYS = {"type", "vendor", "model", "count", "memory_gb"}


def values(sentence):
    """Values of asserted matches, as the pipeline would keep them."""
    out = []
    for m in match_sentence(sentence, RULES):
        context, _ = classify(sentence, m.mention.start, m.mention.end)
        if context == "asserted":
            out.extend(m.values)
    return out


def devices(sentence, type_=None):
    return [v for v in values(sentence) if type_ is None or v["type"] == type_]


def one(sentence, type_=None):
    found = devices(sentence, type_)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ value shape


def test_every_value_has_the_five_keys():
    sentences = [
        "We trained on two NVIDIA Tesla V100 GPUs and an Intel Xeon Gold 6130 CPU with 256 GB of RAM.",
        "Training ran in Google Colab on the university's HPC cluster and a single GPU.",
    ]
    for s in sentences:
        found = values(s)
        assert found
        for v in found:
            assert set(v) == KEYS, v


def test_device_helper_turns_whole_floats_into_ints():
    assert device("GPU", memory_gb=24.0)["memory_gb"] == 24
    assert isinstance(device("GPU", memory_gb=24.0)["memory_gb"], int)


# ------------------------------------------------------------------ named GPUs


@pytest.mark.parametrize("sentence,model,count,memory", [
    ("All networks were trained on two NVIDIA Tesla V100 GPUs.", "Tesla V100", 2, None),
    ("Training used 4x GeForce RTX 2080 Ti cards.", "GeForce RTX 2080 Ti", 4, 11),
    ("Training used 4 × RTX 2080Ti cards.", "GeForce RTX 2080 Ti", 4, 11),
    ("We used eight NVIDIA A100 GPUs (80 GB) for pretraining.", "NVIDIA A100", 8, 80),
    ("Models were trained on a single TITAN Xp GPU.", "TITAN Xp", 1, 12),
    ("The network was trained on a pair of Titan RTX cards.", "TITAN RTX", 2, 24),
    ("The network was trained on dual GTX 1080 Ti GPUs.", "GeForce GTX 1080 Ti", 2, 11),
    ("The detector was trained on an RTX 3090 (x2) for 3 days.", "GeForce RTX 3090", 2, 24),
    ("Experiments ran on Tesla V100 GPUs (4) at our institute.", "Tesla V100", 4, None),
    ("We fine-tuned the model on a 32GB V100 GPU.", "Tesla V100", 1, 32),
    ("Training used an NVIDIA Quadro RTX 5000 with 16 GB GDDR6 memory.", "Quadro RTX 5000", 1, 16),
    ("Training used an NVIDIA RTX A6000 graphics card with 48 GB of memory.", "RTX A6000", 1, 48),
    ("We trained YOLOv8 on a GeForce RTX 4090 GPU.", "GeForce RTX 4090", 1, 24),
    ("We trained the model on a Tesla T4 GPU provided by the platform.", "Tesla T4", 1, 16),
    ("Inference was benchmarked on an NVIDIA H100 accelerator.", "NVIDIA H100", 1, None),
    ("The model was trained on a GeForce GTX 1660 Super.", "GeForce GTX 1660 Super", 1, 6),
    ("The network was trained on an RTX 2070 Max-Q laptop GPU.", "GeForce RTX 2070 Laptop GPU", 1, 8),
])
def test_named_gpu_model_count_and_memory(sentence, model, count, memory):
    v = one(sentence, "GPU")
    assert v["model"] == model
    assert v["vendor"] == "NVIDIA"
    assert v["count"] == count
    assert v["memory_gb"] == memory


def test_count_is_not_taken_from_another_number():
    v = one("The detector was trained for 2 days on a GTX 1080 with 16 images per batch.", "GPU")
    assert v["model"] == "GeForce GTX 1080"
    assert v["count"] == 1
    v = one("We used a batch size of 16 on one V100 GPU.", "GPU")
    assert v["count"] == 1
    v = one("Training lasted 100 epochs on the NVIDIA A40 GPU.", "GPU")
    assert v["count"] == 1


def test_core_counts_are_not_device_counts():
    v = one("Training used a 14-core Intel Xeon Gold 6330 CPU.", "CPU")
    assert v["model"] == "Xeon Gold 6330"
    assert v["count"] == 1


def test_several_devices_in_one_sentence_each_get_their_own_count():
    s = "Our workstation has an Intel Xeon W-2145 CPU and two NVIDIA RTX 2080 Ti GPUs."
    cpu = one(s, "CPU")
    gpu = one(s, "GPU")
    assert (cpu["model"], cpu["vendor"], cpu["count"]) == ("Xeon W-2145", "Intel", 1)
    assert (gpu["model"], gpu["count"]) == ("GeForce RTX 2080 Ti", 2)


def test_loose_geforce_numbers():
    assert one("Our networks were trained on an NVIDIA 3090 GPU.", "GPU")["model"] == "GeForce RTX 3090"
    assert one("All runs used a GTX2080Ti GPU.", "GPU")["model"] == "GeForce RTX 2080 Ti"
    assert one("We trained on a GeForce GTX 3090 GPU (24 GB memory).", "GPU")["model"] == "GeForce RTX 3090"
    assert one("Each fold was trained on a single 3090 GPU.", "GPU")["model"] == "GeForce RTX 3090"
    assert one("Models were trained with an Nvidia GeForce 1070 GPU.", "GPU")["model"] == "GeForce GTX 1070"


def test_pdf_glued_and_decorated_names():
    assert one("All models were trained on a TitanXGPU.", "GPU")["model"] == "TITAN X"
    v = one("For 500 epochs we trained it with a NVIDIA TESLA T4® graphic card.", "GPU")
    assert (v["model"], v["count"]) == ("Tesla T4", 1)
    v = one("Experiments used an NVIDIA® Quadro RTX 5000 (16GB Memory; driver 470; CUDA Version: 11.4) GPU.", "GPU")
    assert (v["model"], v["memory_gb"]) == ("Quadro RTX 5000", 16)
    assert one("We trained on NVI- DIA RTX A-6000 GPUs.", "GPU")["model"] == "RTX A6000"


def test_acknowledged_donation_is_a_finding():
    v = one("We thank NVIDIA Corporation for the donation of the Titan Xp GPU used for this research.", "GPU")
    assert (v["model"], v["count"]) == ("TITAN Xp", 1)


def test_same_device_named_twice_gives_one_value():
    found = devices("We used an NVIDIA Tesla V100 GPU; the V100 has 32 GB of memory.", "GPU")
    assert [v["model"] for v in found] == ["Tesla V100"]


def test_tpus_jetson_apple_and_amd():
    v = one("Fine-tuning took nine hours on a Google Cloud TPU v3-8.", "TPU")
    assert (v["vendor"], v["model"]) == ("Google", "TPU v3")
    v = one("Inference ran on an NVIDIA Jetson Xavier NX on the drone.", "GPU")
    assert v["model"] == "Jetson Xavier NX"
    v = one("Compared with a desktop GPU, we ran inference on a Jetson Nano board.", "GPU")
    assert v["model"] == "Jetson Nano"
    found = devices("Models were trained on a MacBook Pro with an Apple M1 Max chip.", "other")
    assert {(v["vendor"], v["model"]) for v in found} == {("Apple", "Apple M1 Max"), ("Apple", "MacBook Pro")}
    v = one("The network was trained on an AMD Radeon RX 6800 XT GPU.", "GPU")
    assert (v["vendor"], v["model"], v["memory_gb"]) == ("AMD", "Radeon RX 6800 XT", 16)
    v = one("Training used an Intel Arc A770 graphics card.", "GPU")
    assert (v["vendor"], v["model"]) == ("Intel", "Arc A770")


def test_ambiguous_short_names_need_a_hardware_cue():
    assert devices("Plots in treatment T4 received twice the nitrogen of the control plots.") == []
    assert devices("Cassini photographed Titan during its 2004 flyby.") == []
    assert devices("Xavier and Ana annotated the recordings.") == []
    assert devices("Site A100 was sampled in May and site A40 in June.") == []
    assert one("The model ran on a T4 GPU.", "GPU")["model"] == "Tesla T4"
    assert one("We used a Titan GPU donated by NVIDIA.", "GPU")["model"] == "TITAN"


def test_comparisons_and_other_peoples_hardware_are_not_findings():
    assert devices("Compared to the Jetson TX2, the newer module is ten times faster.") == []
    assert devices("Norman et al. (2019) trained their detector on a Tesla K80 GPU.") == []
    assert devices("Future work could port the model to a Jetson Nano.") == []
    assert devices("We never relied on a GPU while fitting the models.") == []


# ------------------------------------------------------------------ CPUs


@pytest.mark.parametrize("sentence,vendor,model,count", [
    ("All training ran on an Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz.", "Intel", "Core i7-8700K", 1),
    ("The experiments used a desktop with an Intel Core i9-9900× processor.", "Intel", "Core i9-9900X", 1),
    ("We used a PC with a 4.0 GHz Intel Core i9 processor and 32 GB RAM.", "Intel", "Core i9", 1),
    ("All computations ran on an Intel® Core™ i7-1165G7 CPU.", "Intel", "Core i7-1165G7", 1),
    ("The server has two Intel Xeon E5-2680 v4 CPUs.", "Intel", "Xeon E5-2680 v4", 2),
    ("In each node we had four processors Intel Xeon Gold 5118 at 2.30 GHz.", "Intel", "Xeon Gold 5118", 4),
    ("Training ran on one 2.20GHz Intel Xeon(R) CPU E5–2650 v4.", "Intel", "Xeon E5-2650 v4", 1),
    ("The workstation uses an Intel Xeon E5–2660 V4 CPU * 2 and a GPU-free setup.", "Intel", "Xeon E5-2660 v4", 2),
    ("We used an AMD Ryzen 9 5900X CPU.", "AMD", "Ryzen 9 5900X", 1),
    ("All analyses ran on an AMD EPYC 7742 processor.", "AMD", "EPYC 7742", 1),
    ("We trained on an AMD Ryzen Threadripper PRO 5995WX workstation CPU.", "AMD", "Ryzen Threadripper PRO 5995WX", 1),
])
def test_cpu_models(sentence, vendor, model, count):
    v = one(sentence, "CPU")
    assert (v["vendor"], v["model"], v["count"], v["memory_gb"]) == (vendor, model, count, None)


def test_cpu_regex_needs_more_than_a_bare_tier():
    assert devices("Sites i3 and i7 were excluded because of flooding.") == []


# ------------------------------------------------------------------ RAM


@pytest.mark.parametrize("sentence,memory", [
    ("The workstation has an Intel Core i9 CPU and 128 GB of RAM.", 128),
    ("The laptop has 64GB RAM and an RTX 3060 GPU.", 64),
    ("The PC has an Intel i7 CPU, 32 GB 3000 MHz DDR4 memory and a GTX 1080.", 32),
    ("Our server has two Tesla K80 GPUs plus 256 GB of memory.", 256),
    ("The test computer had an Intel i5 processor and memory of 8 GB.", 8),
    ("The workstation holds DDR4 16GB RAM * 8 and two Titan RTX GPUs.", 128),
])
def test_ram(sentence, memory):
    ram = [v for v in values(sentence) if v["model"] == "RAM"]
    assert ram == [{"type": "other", "vendor": None, "model": "RAM", "count": None, "memory_gb": memory}]


@pytest.mark.parametrize("sentence", [
    "All evaluations were performed on an NVIDIA RTX 2080 Ti GPU with 11G memory.",
    "Training used one NVIDIA RTX 3090 GPU (24 GB memory) in our lab.",
    "We used one NVIDIA RTX A6000 GPU with 48 GiB RAM.",
    "Training on our server used 12 GB of GPU memory.",
    "The GeForce RTX 3080 GPU with 16GB of video memory was used for training.",
])
def test_gpu_memory_is_not_ram(sentence):
    assert [v for v in values(sentence) if v["model"] == "RAM"] == []


def test_gpu_memory_goes_to_the_gpu_and_ram_to_ram():
    s = "The computer has 64 GB of RAM and one NVIDIA RTX 3090 GPU (24 GB memory)."
    found = values(s)
    assert {"type": "other", "vendor": None, "model": "RAM", "count": None, "memory_gb": 64} in found
    gpu = [v for v in found if v["type"] == "GPU"]
    assert gpu[0]["memory_gb"] == 24


# ------------------------------------------------------------------ machines, cloud, clusters


def test_named_machines():
    v = one("Experiments ran on a Dell PowerEdge C4130 rack server that holds two Tesla K80 GPUs.", "other")
    assert (v["vendor"], v["model"]) == ("Dell", "Dell PowerEdge C4130")
    v = one("Training times were measured on a Lenovo Legion Y520.", "other")
    assert v["model"] == "Lenovo Legion Y520"
    v = one("The model was deployed on a Raspberry Pi 4 inside each camera trap.", "other")
    assert v["model"] == "Raspberry Pi 4"
    assert devices("Images were taken with a Raspberry Pi Camera Module V2.") == []


def test_generic_machines():
    v = one("The classifier was trained on a basic laptop in about a minute.", "other")
    assert (v["model"], v["count"]) == ("laptop", 1)
    assert devices("Photos were uploaded to a web server after each survey.") == []


@pytest.mark.parametrize("sentence,type_,vendor,model", [
    ("The model was trained in Google Colab.", "cloud", "Google", "Google Colab"),
    ("We trained the detector with Colab Pro on a single GPU.", "cloud", "Google", "Google Colab Pro"),
    ("Training was done on Amazon EC2 p3.2xlarge instances.", "cloud", "Amazon", "Amazon EC2"),
    ("The network was trained with Amazon SageMaker.", "cloud", "Amazon", "Amazon SageMaker"),
    ("We trained the CNN on a Microsoft Azure virtual machine.", "cloud", "Microsoft", "Microsoft Azure"),
    ("The models were trained on Google Cloud Platform.", "cloud", "Google", "Google Cloud Platform"),
    ("All models were trained in Kaggle Notebooks with a P100 GPU.", "cloud", "Kaggle", "Kaggle Notebooks"),
    ("This research was enabled in part by support provided by Compute Canada.", "cluster",
     "Digital Research Alliance of Canada", "Digital Research Alliance of Canada"),
    ("Models were trained on JUWELS Booster nodes.", "cluster", "Jülich Supercomputing Centre", "JUWELS"),
    ("Simulations were run on the Summit supercomputer.", "cluster", "Oak Ridge National Laboratory", "Summit"),
])
def test_cloud_and_named_clusters(sentence, type_, vendor, model):
    found = [v for v in values(sentence) if v["type"] == type_]
    assert found and (found[0]["vendor"], found[0]["model"]) == (vendor, model), found
    assert found[0]["count"] is None and found[0]["memory_gb"] is None


def test_ambiguous_service_names():
    assert values("Air temperature was recorded by an AWS installed at the station.") == []
    assert values("We reached the summit and used a drone to survey the glacier.") == []
    assert values("Superpixels were computed with the SNIC algorithm before training.") == []
    assert values("Photos were screened with the Google Cloud Vision API and we kept 900.") == []


def test_generic_clusters():
    v = one("All calculations were carried out on the university's high-performance computing cluster.", "cluster")
    assert v == {"type": "cluster", "vendor": None, "model": None, "count": None, "memory_gb": None}
    v = one("Analyses were run on the University of Lausanne HPC cluster.", "cluster")
    assert v["model"] == "University of Lausanne"
    v = one("Every computation was run at the ORVANE HPC scientific computing centre.", "cluster")
    assert v["model"] == "ORVANE"
    assert values("The package can run on any high-performance computing cluster.") == []
    # a named centre gives the value, not the generic noun
    found = devices("Training was done on Jean Zay, a supercomputer operated by IDRIS.", "cluster")
    assert {v["model"] for v in found} == {"Jean Zay", "IDRIS"}


# ------------------------------------------------------------------ generic processors


@pytest.mark.parametrize("sentence,vendor,count,memory", [
    ("The network was trained on a single NVIDIA GPU for 40 epochs.", "NVIDIA", 1, None),
    ("Training took three hours on a GPU with 24 GB of memory.", None, 1, 24),
    ("The experiments were performed using GPU acceleration.", None, None, None),
    ("We trained on four GPUs in parallel.", None, 4, None),
    ("Training used a single NVIDIA GPU with 12 GB GDDR6 memory.", "NVIDIA", 1, 12),
    ("The hardware used is a desktop computer with 128G memory and 24G GPU.", None, 1, 24),
])
def test_generic_gpu(sentence, vendor, count, memory):
    v = one(sentence, "GPU")
    assert v == {"type": "GPU", "vendor": vendor, "model": None, "count": count, "memory_gb": memory}


@pytest.mark.parametrize("sentence", [
    "GPUs have made deep learning practical for ecologists.",
    "GPU-based training is expensive for small labs.",
    "The GPU implementation of the algorithm is described in Appendix B.",
    "Deep networks are usually trained on GPUs.",
    "Since the whole tile cannot fit into GPU memory, we cut it into windows.",
    "Training deep networks on GPUs has become standard.",
    "The softmax layer leads to a slowdown on GPU hardware.",
    "We installed TensorFlow-GPU 2.4 and CUDA 11.2.",
])
def test_generic_gpu_statements_are_not_findings(sentence):
    assert devices(sentence, "GPU") == []


def test_named_gpu_replaces_generic_gpu():
    found = devices("Our models were trained on an NVIDIA GeForce RTX 3090 graphics processing unit (GPU).", "GPU")
    assert [v["model"] for v in found] == ["GeForce RTX 3090"]


def test_generic_cpu_and_tpu():
    found = values("Our models were fitted on a rented cloud machine that has 1 GPU, 4 CPUs and 16 GB of RAM.")
    assert {"type": "GPU", "vendor": None, "model": None, "count": 1, "memory_gb": None} in found
    assert {"type": "CPU", "vendor": None, "model": None, "count": 4, "memory_gb": None} in found
    assert {"type": "other", "vendor": None, "model": "RAM", "count": None, "memory_gb": 16} in found
    v = one("We trained the transformer on Cloud TPUs.", "TPU")
    assert (v["vendor"], v["model"]) == ("Google", None)
    assert devices("We used an Intel Core i7-9850H CPU for all computations.", "CPU")[0]["model"] == "Core i7-9850H"
    assert len(devices("We used an Intel Core i7-9850H CPU for all computations.", "CPU")) == 1


def test_cuda_versions_are_not_hardware():
    assert values("The software environment included Python 3.7, CUDA 11.6 and cuDNN 8.2.") == []


def test_reference_entries_are_ignored():
    assert values("Smith, J., 2020. Training networks on GeForce GTX 1080 cards. In: Proceedings of the Workshop, pp. 1–7.") == []


# ------------------------------------------------------------------ helpers


@pytest.mark.parametrize("left,expected", [
    ("trained on two NVIDIA ", 2),
    ("on 8 x NVIDIA GeForce ", 8),
    ("on 4× ", 4),
    ("on a single ", 1),
    ("with dual ", 2),
    ("with a pair of ", 2),
    ("using eight ", 8),
    ("on an ", 1),
    ("trained for 2 days on ", None),
    ("batch size of 16 ", None),
    ("DDR4 16GB RAM * 8, NVIDIA ", None),
    ("a machine holding four graphical processing units (NVIDIA ", 4),
])
def test_count_before(left, expected):
    assert count_before(left) == expected


@pytest.mark.parametrize("right,expected", [
    (" GPU * 2, and 64 GB RAM", 2),
    (" (x2) for training", 2),
    (" GPUs (4)", 4),
    (" CPU @ 1.80GHz x 16 GB memory", None),
    (" x 16 GB", None),
])
def test_count_after(right, expected):
    assert count_after(right) == expected


@pytest.mark.parametrize("right,expected", [
    (" GPU (24 GB memory) and", 24),
    (" with 11G memory, and CUDA 10.2", 11),
    (" 12G GPU and an Intel CPU", 12),
    (" GPU with 8GB VRAM, plus an Intel Core i7 CPU", 8),
    (", 128 GB of RAM", None),
    (" with 64 GB RAM", None),
    (" GPU • Bandwidth: 1Gbps • Storage: 100GB", None),
])
def test_memory_after(right, expected):
    assert memory_after(right) == expected


def test_memory_before():
    assert memory_before("a 32GB ") == 32
    assert memory_before("on a ") is None


# ------------------------------------------------------------------ catalogues


def test_catalogue_lookups():
    gpus = get_catalogue("gpus")
    assert gpus.lookup("GTX1080Ti").name == "GeForce GTX 1080 Ti"
    assert gpus.lookup("Tesla V-100").name == "Tesla V100"
    assert gpus.lookup("RTX A-6000").name == "RTX A6000"
    assert gpus.lookup("TPUv4").name == "TPU v4"
    assert gpus.lookup("RTX 6000 Ada").name == "RTX 6000 Ada Generation"
    assert gpus.lookup("A100").needs_context
    assert gpus.lookup("T4").needs_context
    assert gpus.lookup("Titan").needs_context
    # a distinctive code takes a training cue; a code that is also a label does not
    assert gpus.lookup("V100").loose_context and not gpus.lookup("T4").loose_context
    assert [e.name for _, _, e in gpus.find_all("It took nine hours on one V100.")] == ["Tesla V100"]
    assert gpus.find_all("It took nine hours on one T4.") == []
    services = get_catalogue("compute_services")
    assert services.lookup("Colaboratory").name == "Google Colab"
    assert services.lookup("Summit").case_sensitive
    assert get_catalogue("computers").lookup("DGX-1").name == "NVIDIA DGX-1"
    assert get_catalogue("cpus").lookup("Cortex-A72").attrs["vendor"] == "ARM"


def test_catalogue_types_and_vendors_are_valid():
    for name in ("gpus", "cpus", "computers", "compute_services"):
        for entry in get_catalogue(name).entries:
            attrs = dict(entry.attrs)
            if "same_as" in attrs:
                target = get_catalogue(name).get(attrs["same_as"])
                attrs = {**dict(target.attrs), **attrs}
            assert attrs.get("type") in {"GPU", "TPU", "CPU", "cluster", "cloud", "other"}, entry.name
            assert attrs.get("vendor"), entry.name
