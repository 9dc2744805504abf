// `push` through a `&Vec` would need `&mut`.
fn add(v: &Vec<i32>) {
    v.push(1);
}

async fn main() {
    let v = vec![0];
    add(&v);
}
