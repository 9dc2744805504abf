// Binding a `Copy` payload copies it: the Option stays whole.
async fn main() {
    let opt = Some(3);
    if let Some(n) = opt {
        println!("{}", n);
    }
    println!("{}", opt.is_some());
}
