//! The house rules that keep the code base navigable, checked on the sources themselves: the
//! top-level modules' `crate::` imports form no cycle, and no source file is over 600 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level module → the top-level modules its non-test code names through `crate::`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = crate::util::repo("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel.components().next().expect("a component");
        let top = top
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("utf-8 source");
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for part in line.split("crate::").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    graph.entry(top.clone()).or_default().insert(name);
                }
            }
        }
    }
    graph
}

fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    node: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|n| n == node) {
        return Some(
            path[i..]
                .iter()
                .cloned()
                .chain([node.to_string()])
                .collect(),
        );
    }
    if !done.insert(node.to_string()) {
        return None;
    }
    path.push(node.to_string());
    for next in graph.get(node).into_iter().flatten() {
        if let Some(c) = cycle_from(graph, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    None
}

#[test]
fn module_imports_form_no_cycle() {
    let graph = imports();
    assert!(graph.len() > 10, "the scan found the modules: {graph:?}");
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let found = cycle_from(&graph, node, &mut Vec::new(), &mut done);
        assert!(
            found.is_none(),
            "import cycle: {}",
            found.unwrap_or_default().join(" → ")
        );
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut files = Vec::new();
    sources(&crate::util::repo("src"), &mut files);
    for file in files {
        let lines = std::fs::read_to_string(&file)
            .expect("source")
            .lines()
            .count();
        assert!(lines <= 600, "{} has {lines} lines", file.display());
    }
}
