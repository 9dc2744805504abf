// `Vec::new()` without an annotation: the first `push` decides the element type.
async fn main() {
    let mut names = Vec::new();
    names.push(String::from("ada"));
    yield_now().await;
    names.push(String::from("grace"));
    println!("{} names, first {}", names.len(), names[0]);
}
