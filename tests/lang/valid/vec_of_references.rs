// A vector of references to values that outlive it.
async fn main() {
    let a = String::from("a");
    let b = String::from("b");
    let mut refs: Vec<&String> = Vec::new();
    refs.push(&a);
    refs.push(&b);
    println!("{}", refs.len());
}
