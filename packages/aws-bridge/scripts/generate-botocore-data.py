#!/usr/bin/env python3
"""Generates packages/aws-bridge/data/botocore/: botocore's view of every AWS service, compact.

The bridge answers boto3-shaped questions (service names, method names, paginators, waiters, modeled
errors, parameter validation) from this data, read from the botocore installed on the machine with
botocore's own loader (so sdk-extras merges and API-version choice are botocore's):

  python3 packages/aws-bridge/scripts/generate-botocore-data.py          # write
  python3 packages/aws-bridge/scripts/generate-botocore-data.py --check  # exit 1 on drift

Files (JSON, sorted keys):
- index.json: {"provenance": {...}, "services": {boto3 name: [serviceId, endpointPrefix, signingName,
  apiVersion, protocol]}}. provenance: botocore version and the sha256 of every input file.
- <service>.json: {"operations": {Api: [method, inputShape|null]}, "paginators": {Api: config},
  "waiters": {Name: config}, "waiterNames": {Name: boto3 name}, "errors": {ShapeName: code}, "floats": ["Struct.Member" whose numbers are floats], "shapes": {Name: spec}} where `shapes` holds
  only what parameter validation needs, for every shape reachable from an operation input:
    scalar   "s" | "i" | "f" | "b" | "B" (blob) | "T" (timestamp), with ":<min>" when the model has
             a `min` (e.g. "s:1")
    list     ["L", member, min|null]
    map      ["M", key, value]
    struct   ["S", [[member, shape, flags], ...], [required...], kind] with flags a bit set
             (1 hostLabel, 2 jsonvalue header) and kind 0 plain, 1 union, 2 document
"""
import hashlib
import http.client
import json
import os
import sys

import botocore
from botocore import xform_name
from botocore.loaders import Loader
from botocore.model import ServiceModel

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "botocore")

SCALARS = {
    "string": "s", "integer": "i", "long": "i", "float": "f", "double": "f", "boolean": "b",
    "blob": "B", "timestamp": "T",
}


def shape_spec(shape, out):
    if shape.name in out:
        return shape.name
    t = shape.type_name
    if t in SCALARS:
        code = SCALARS[t]
        if "min" in shape.metadata:
            m = shape.metadata["min"]
            code += ":" + (repr(m) if isinstance(m, float) else str(m))
        out[shape.name] = code
    elif t == "list":
        out[shape.name] = None  # placeholder against recursion
        out[shape.name] = ["L", shape_spec(shape.member, out), shape.metadata.get("min")]
    elif t == "map":
        out[shape.name] = None
        out[shape.name] = ["M", shape_spec(shape.key, out), shape_spec(shape.value, out)]
    elif t == "structure":
        out[shape.name] = None
        kind = 2 if shape.is_document_type else 1 if shape.is_tagged_union else 0
        members = []
        for name, member in shape.members.items():
            flags = 0
            ser = member.serialization
            if ser.get("hostLabel"):
                flags |= 1
            if ser.get("jsonvalue") and ser.get("location") == "header" and member.type_name == "string":
                flags |= 2
            members.append([name, shape_spec(member, out), flags])
        out[shape.name] = ["S", members, list(shape.metadata.get("required", [])), kind]
    else:
        raise SystemExit(f"unknown shape type {t} ({shape.name})")
    return shape.name


def float_members(model):
    """"Struct.Member" for every member whose numbers are floats (directly or inside lists/maps):
    SDK v3 schemas have one numeric type; botocore's XML and REST-JSON parsers convert by type."""
    out = set()

    def is_float(shape, depth=0):
        if depth > 4:
            return False
        t = shape.type_name
        if t in ("float", "double"):
            return True
        if t == "list":
            return is_float(shape.member, depth + 1)
        if t == "map":
            return is_float(shape.value, depth + 1)
        return False

    for shape_name in model.shape_names:
        shape = model.shape_for(shape_name)
        if shape.type_name != "structure":
            continue
        for member_name, member in shape.members.items():
            if is_float(member):
                out.add(f"{shape_name}.{member_name}")
    return sorted(out)


def member_order(model):
    """Member order of structures with required members (SDK v3 lists required members first;
    botocore builds response dicts in model order)."""
    out = {}
    for shape_name in model.shape_names:
        shape = model.shape_for(shape_name)
        if shape.type_name == "structure" and shape.metadata.get("required"):
            out[shape_name] = list(shape.members)
    return out


def policy_document_members(model):
    """"Struct.Member" of string members whose shape is `policyDocumentType`: botocore's
    `json_decode_policies` handler URL-decodes and JSON-parses exactly these (IAM)."""
    out = []
    for shape_name in model.shape_names:
        shape = model.shape_for(shape_name)
        if shape.type_name != "structure":
            continue
        for member_name, member in shape.members.items():
            if member.type_name == "string" and member.name == "policyDocumentType":
                out.append(f"{shape_name}.{member_name}")
    return sorted(out)


def service_data(loader, name):
    model = ServiceModel(loader.load_service_model(name, "service-2"), service_name=name)
    operations = {}
    shapes = {}
    for op_name in model.operation_names:
        op = model.operation_model(op_name)
        inp = op.input_shape
        operations[op_name] = [xform_name(op_name), shape_spec(inp, shapes) if inp is not None else None]
    errors = {s.name: s.error_code for s in model.error_shapes}
    try:
        paginators = loader.load_service_model(name, "paginators-1")["pagination"]
    except Exception:
        paginators = {}
    try:
        waiters = loader.load_service_model(name, "waiters-2")["waiters"]
    except Exception:
        waiters = {}
    meta = model.metadata
    summary = [
        meta.get("serviceId"),
        meta.get("endpointPrefix"),
        model.signing_name,
        meta.get("apiVersion"),
        model.protocol,
    ]
    return summary, {
        "operations": operations,
        "paginators": paginators,
        "waiters": waiters,
        "waiterNames": {w: xform_name(w) for w in waiters},
        "errors": errors,
        "floats": float_members(model),
        "order": member_order(model),
        "policyDocuments": policy_document_members(model),
        "shapes": shapes,
    }


def input_files(loader, names):
    root = os.path.dirname(botocore.__file__)
    files = []
    for name in names:
        version = loader.determine_latest_version(name, "service-2")
        folder = os.path.join(root, "data", name, version)
        for f in sorted(os.listdir(folder)):
            files.append(os.path.join(folder, f))
    return root, files


def dumps(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    loader = Loader()
    names = sorted(loader.list_available_services("service-2"))
    root, files = input_files(loader, names)
    digest = hashlib.sha256()
    for f in files:
        digest.update(os.path.relpath(f, root).encode())
        with open(f, "rb") as fh:
            digest.update(hashlib.sha256(fh.read()).digest())
    outputs = {}
    services = {}
    for name in names:
        summary, data = service_data(loader, name)
        services[name] = summary
        outputs[f"{name}.json"] = dumps(data)
    outputs["index.json"] = dumps({
        "provenance": {
            "generator": "packages/aws-bridge/scripts/generate-botocore-data.py",
            "botocore": botocore.__version__,
            "inputs": len(files),
            "inputsSha256": digest.hexdigest(),
        },
        "services": services,
        # botocore's messages for body-less errors (HEAD 404 -> "Not Found") are Python's phrases.
        "httpReasons": {str(k): v for k, v in sorted(http.client.responses.items())},
    })
    if check:
        drift = []
        for fname, text in outputs.items():
            path = os.path.join(OUT, fname)
            try:
                with open(path, encoding="utf-8") as fh:
                    if fh.read() != text:
                        drift.append(fname)
            except FileNotFoundError:
                drift.append(fname)
        extra = set(os.listdir(OUT)) - set(outputs) if os.path.isdir(OUT) else set()
        if drift or extra:
            print(f"botocore data drift: {len(drift)} changed, {len(extra)} extra "
                  f"(e.g. {sorted(drift + list(extra))[:5]}); regenerate with {sys.argv[0]}")
            sys.exit(1)
        print(f"botocore data up to date ({len(outputs)} files, botocore {botocore.__version__})")
        return
    os.makedirs(OUT, exist_ok=True)
    for fname in os.listdir(OUT):
        if fname not in outputs:
            os.remove(os.path.join(OUT, fname))
    for fname, text in outputs.items():
        with open(os.path.join(OUT, fname), "w", encoding="utf-8") as fh:
            fh.write(text)
    print(f"wrote {len(outputs)} files for botocore {botocore.__version__}")


if __name__ == "__main__":
    main()
