// `for (i, x) in ...enumerate()`: the pair is destructured.
async fn main() {
    let names = vec!["a", "b", "c"];
    for (i, name) in names.iter().enumerate() {
        yield_now().await;
        println!("{}: {}", i, name);
    }
}
