"""Issue 20 probe, not shipped: the whole-photo rule "is the subject sharp?". For each photo the
classifier's centre-crop score, and its score on a crop of the same field of view centred on the map
head's sharpest region (7x7-cell mean of the head's probabilities at 448, its minimum); a photo the
classifier calls blurred would be called clear when that subject crop scores below t. Same sets and
halves as bench BlurDecisionEval (its "off" rows are reproduced exactly). Writes /tmp/mh/subject.pkl.

  /usr/bin/python3 model-weights/training/maphead/subject_rescore.py   (needs /tmp/bf-val, the head checkpoint)
"""
import sys, os, csv, numpy as np, torch, cv2, pickle
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..'))
import common as C, heads as Hd
torch.set_num_threads(2)
net=C.BfmNet().eval()
d=torch.load('/tmp/maphead/ckpt/report_edgefree2_w200.pt'); head=Hd.build(d['variant'],32,0.0); head.load_state_dict(d['state']); head.eval()
ef=Hd.EdgeFreeContrast(between=True)
def cls(rgb_crop):
    r=cv2.resize(rgb_crop,(224,224),interpolation=cv2.INTER_AREA if min(rgb_crop.shape[:2])>224 else cv2.INTER_LINEAR)
    f=net(C.to_tensor(r)); l=net.cell_logits(f[32]).mean((2,3))[0]
    return torch.softmax(l,0)[1].item()
def std_score(rgb):
    h,w=rgb.shape[:2]; s=256/min(h,w); W,H=int(round(w*s)),int(round(h*s))
    r=cv2.resize(rgb,(W,H),interpolation=cv2.INTER_AREA if s<1 else cv2.INTER_LINEAR)
    y0=(H-224)//2; x0=(W-224)//2
    return cls(r[y0:y0+224,x0:x0+224])
def subject_score(rgb):
    h,w=rgb.shape[:2]; W,H=C.frame_size(w,h,448)
    res=C.resize_like_engine(rgb,W,H); x=C.to_tensor(res)
    with torch.no_grad():
        f=net(x); g=torch.from_numpy((0.299*res[...,0].astype(np.float32)+0.587*res[...,1]+0.114*res[...,2]).astype(np.float32))[None,None]
        p=torch.sigmoid(head(f, ef(g/255.0)))
        ps=torch.nn.functional.avg_pool2d(p,7,1,3,count_include_pad=False)[0,0].numpy()
    i,j=np.unravel_index(np.argmin(ps),ps.shape)
    cy=(8*i+0.5)*h/H; cx=(8*j+0.5)*w/W
    side=int(min(h,w)*224/256)
    y0=int(np.clip(cy-side/2,0,h-side)); x0=int(np.clip(cx-side/2,0,w-side))
    return cls(rgb[y0:y0+side,x0:x0+side]), float(ps.min())
def main():
    rows=[]
    for name,ip,mp,num in C.partial_blur_list():
        rgb=C.read_rgb(ip); rows.append(("partial-blur",False,num%2==0,std_score(rgb))+subject_score(rgb))
    val='/tmp/bf-val'; stems=sorted(os.listdir(val+'/sharp'))
    for r in list(csv.DictReader(open(val+'/labels.csv'))):
        if r['kind']=='hardneg' or r['file'].startswith('hardneg'): continue
        st=os.path.basename(r['file']); rgb=C.read_rgb(os.path.join(val,r['file']))
        rows.append(("val-"+r['file'].split('/')[0], r['label']=='1', stems.index(st)%2==0, std_score(rgb))+subject_score(rgb))
    rb='/work/shared/data/real-blur'; man=list(csv.DictReader(open(rb+'/manifest.csv')))
    groups=sorted({(m['pair_group'] or m['file']) for m in man})
    for m in man:
        rgb=C.read_rgb(os.path.join(rb,m['file'])); g=m['pair_group'] or m['file']
        rows.append(("real-blur", m['label']=='blurred', groups.index(g)%2==0, std_score(rgb))+subject_score(rgb))
    pickle.dump(rows,open('/tmp/mh/subject.pkl','wb')); print(len(rows))


if __name__ == "__main__":
    main()
