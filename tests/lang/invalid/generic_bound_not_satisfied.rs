// `dup` needs `T: Copy`; a `String` is not: rustc's E0277 at the argument.
fn dup<T: Copy>(x: T) -> (T, T) {
    (x, x)
}

async fn main() {
    let s = String::from("a");
    let d = dup(s);
    println!("{}", d.0);
}
