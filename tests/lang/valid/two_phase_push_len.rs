// `v.push(v.len())`: the argument is evaluated before the `&mut v` is activated.
async fn main() {
    let mut v: Vec<usize> = Vec::new();
    v.push(v.len());
    v.push(v.len());
    println!("{} {}", v[0], v[1]);
}
