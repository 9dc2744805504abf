// `v[0]` of a Vec<i32> is copied out, so pushing afterwards is fine.
async fn main() {
    let mut v = vec![1, 2, 3];
    let first = v[0];
    v.push(4);
    println!("{} {}", first, v.len());
}
