// Returning a reference into a parameter's data is fine (lifetime elision ties them).
fn first(v: &Vec<String>) -> &String {
    &v[0]
}

async fn main() {
    let v = vec![String::from("a"), String::from("b")];
    let f = first(&v);
    println!("{}", f);
}
