// `push` needs `&mut v`, and `v` is not `mut`.
async fn main() {
    let v: Vec<i32> = Vec::new();
    v.push(1);
    println!("{}", v.len());
}
